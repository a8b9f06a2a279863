// Real image files for the photo tests, made on the fly with sharp (a dependency of this package,
// so the API tests need no image library of their own).
import zlib from 'node:zlib';
import sharp from 'sharp';

type Format = 'png' | 'jpeg' | 'webp';

/** A single-colour image of this size and format. */
export async function solidImage(format: Format, width: number, height: number): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: '#3a7bd5' } });
  return image.toFormat(format).toBuffer();
}

/** A GPS position that a phone would write into a photo, recognisable in the raw EXIF bytes. */
export const GPS_MAP_DATUM = 'WGS-84-ROSTER-TEST';

/**
 * A 600×300 JPEG carrying EXIF with a GPS position (Greenwich) and orientation 6 (the camera was
 * turned: it must be shown rotated 90°, as 300×600).
 */
export async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 600, height: 300, channels: 3, background: '#2f855a' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'RosterCam', Model: 'Test 1' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '51/1 28/1 3800/100',
        GPSLongitudeRef: 'W',
        GPSLongitude: '0/1 0/1 530/100',
        GPSMapDatum: GPS_MAP_DATUM,
      },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

export interface ImageFacts {
  format: string;
  width: number;
  height: number;
  orientation: number | undefined;
  /** Raw EXIF block, when the file has one. */
  exif: Buffer | undefined;
  icc: Buffer | undefined;
  xmp: Buffer | undefined;
}

/** What a stored or generated image file holds (header only). */
export async function imageFacts(input: Buffer | string): Promise<ImageFacts> {
  const meta = await sharp(input, { limitInputPixels: false }).metadata();
  return {
    format: meta.format,
    width: meta.width,
    height: meta.height,
    orientation: meta.orientation,
    exif: meta.exif,
    icc: meta.icc,
    xmp: meta.xmp,
  };
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A valid black-and-white PNG of side × side pixels (30000 by default) that is about 100 KB on
 * disk: 1 bit per pixel, all zero, deflated. Decoded it would need side² bytes (900 MB) or more.
 */
export function decompressionBomb(side = 30_000): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 1; // bit depth 1; colour type 0 (grey), default compression, filter, no interlace
  const rowBytes = 1 + Math.ceil(side / 8); // filter byte + packed pixels
  const pixels = zlib.deflateSync(Buffer.alloc(rowBytes * side), { level: 9 });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', pixels),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}
