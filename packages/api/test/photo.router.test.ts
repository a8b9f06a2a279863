import fs from 'node:fs';
import path from 'node:path';
import {
  decompressionBomb,
  DIALECTS,
  GPS_MAP_DATUM,
  imageFacts,
  jpegWithGps,
  solidImage,
} from '@roster/users/testing';
import { type DomainError, PHOTO_MESSAGES, PHOTO_NAME_PATTERN } from '@roster/users';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Browser, createHarness, expectCode, type Harness } from './harness';

/** A multipart body as a browser sends it: the name and type are whatever the client claims. */
function form(bytes: Uint8Array | string, name = 'photo.png', type = 'image/png'): FormData {
  const data = new FormData();
  const part = typeof bytes === 'string' ? bytes : new Uint8Array(bytes);
  data.append('file', new File([part], name, { type }));
  return data;
}

const images: Record<'png' | 'webp' | 'gpsJpeg' | 'huge', Buffer> = {
  png: Buffer.alloc(0),
  webp: Buffer.alloc(0),
  gpsJpeg: Buffer.alloc(0),
  huge: Buffer.alloc(0),
};
beforeAll(async () => {
  images.png = await solidImage('png', 1200, 800);
  images.webp = await solidImage('webp', 300, 300);
  images.gpsJpeg = await jpegWithGps();
  images.huge = await solidImage('png', 5000, 5000);
});

describe.each(DIALECTS)('me.uploadPhoto and me.deletePhoto on %s', (dialect) => {
  let h: Harness;
  let me: Browser;

  beforeEach(async () => {
    h = await createHarness(dialect);
    ({ browser: me } = await h.signedIn());
  });
  afterEach(async () => {
    await h.destroy();
  });

  const storedFiles = () => (fs.existsSync(h.s.photosDir) ? fs.readdirSync(h.s.photosDir) : []);
  const storedFile = (photoUrl: string) => {
    const name = photoUrl.replace('/api/photos/', '');
    expect(name).toMatch(PHOTO_NAME_PATTERN);
    return path.join(h.s.photosDir, name);
  };
  const expectRefused = async (
    data: FormData,
    code: 'BAD_REQUEST' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE',
    message: string,
  ) => {
    const error = await expectCode(me.api.me.uploadPhoto(data), code);
    expect(error.message).toBe(message);
    expect((error.cause as DomainError).field).toBe('file');
    expect((await me.api.me.get()).photoUrl).toBeNull();
    expect(storedFiles()).toEqual([]);
  };

  it('stores a PNG re-encoded as WebP, resized, under a server-chosen name', async () => {
    const { photoUrl } = await me.api.me.uploadPhoto(form(images.png, '../../../etc/evil.png'));
    expect(photoUrl).toMatch(/^\/api\/photos\/[a-f0-9]{32}\.webp$/);
    expect((await me.api.me.get()).photoUrl).toBe(photoUrl);
    expect(storedFiles()).toEqual([path.basename(storedFile(photoUrl))]);
    expect(await imageFacts(storedFile(photoUrl))).toMatchObject({
      format: 'webp',
      width: 512,
      height: 341,
    });
  });

  it('drops the EXIF of a JPEG, GPS position included, and honours its orientation', async () => {
    const original = await imageFacts(images.gpsJpeg);
    expect(original.orientation).toBe(6);
    expect(original.exif?.includes(GPS_MAP_DATUM)).toBe(true);

    const { photoUrl } = await me.api.me.uploadPhoto(form(images.gpsJpeg, 'me.jpg', 'image/jpeg'));
    const file = storedFile(photoUrl);
    const stored = await imageFacts(file);
    // 600×300 turned upright is 300×600, which fits the 512 square as 256×512.
    expect(stored).toMatchObject({ format: 'webp', width: 256, height: 512 });
    expect(stored.exif).toBeUndefined();
    expect(stored.xmp).toBeUndefined();
    expect(stored.orientation).toBeUndefined();
    expect(fs.readFileSync(file).includes(GPS_MAP_DATUM)).toBe(false);
  });

  it('accepts a WebP, and keeps a small image at its size', async () => {
    const { photoUrl } = await me.api.me.uploadPhoto(form(images.webp, 'x.webp', 'image/webp'));
    expect(await imageFacts(storedFile(photoUrl))).toMatchObject({
      format: 'webp',
      width: 300,
      height: 300,
    });
  });

  it('judges the type by the bytes: a text file named .png is 415', async () => {
    await expectRefused(
      form('just some text, not an image\n'.repeat(20), 'photo.png', 'image/png'),
      'UNSUPPORTED_MEDIA_TYPE',
      PHOTO_MESSAGES.wrongType,
    );
    // Nor does an honest name or type help a format Roster does not take.
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
    await expectRefused(
      form(gif, 'a.gif', 'image/gif'),
      'UNSUPPORTED_MEDIA_TYPE',
      PHOTO_MESSAGES.wrongType,
    );
  });

  it('refuses a file over 5 MB with 413, whatever it holds', async () => {
    const sixMegabytes = Buffer.alloc(6 * 1024 * 1024, 0x41);
    images.png.copy(sixMegabytes);
    await expectRefused(form(sixMegabytes), 'PAYLOAD_TOO_LARGE', PHOTO_MESSAGES.tooLarge);
  });

  it('refuses an image over 4096×4096 pixels', async () => {
    await expectRefused(form(images.huge), 'BAD_REQUEST', PHOTO_MESSAGES.tooManyPixels);
    await expectRefused(
      form(await solidImage('png', 4097, 16)),
      'BAD_REQUEST',
      PHOTO_MESSAGES.tooManyPixels,
    );
    const { photoUrl } = await me.api.me.uploadPhoto(form(await solidImage('png', 4096, 16)));
    expect(await imageFacts(storedFile(photoUrl))).toMatchObject({ width: 512, height: 2 });
  });

  it('refuses a decompression bomb from its header, without decoding it', async () => {
    const bomb = decompressionBomb();
    expect(bomb.length).toBeLessThan(200_000);
    expect(await imageFacts(bomb)).toMatchObject({ format: 'png', width: 30_000, height: 30_000 });

    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    await expectRefused(form(bomb), 'BAD_REQUEST', PHOTO_MESSAGES.tooManyPixels);
    // Decoding would take at least 900 MB and seconds; refusing takes neither.
    expect(performance.now() - started).toBeLessThan(1000);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
  });

  it('refuses a file that starts like a PNG but is not one', async () => {
    const broken = Buffer.concat([images.png.subarray(0, 40), Buffer.alloc(200, 7)]);
    await expectRefused(form(broken), 'BAD_REQUEST', PHOTO_MESSAGES.unreadable);
  });

  it('asks for a file when there is none', async () => {
    await expectRefused(new FormData(), 'BAD_REQUEST', PHOTO_MESSAGES.missing);
    const text = new FormData();
    text.append('file', 'not a file');
    await expectRefused(text, 'BAD_REQUEST', PHOTO_MESSAGES.missing);
  });

  it('removes the old file when the photo is replaced, and keeps it when a new one is refused', async () => {
    const first = await me.api.me.uploadPhoto(form(images.png));
    const second = await me.api.me.uploadPhoto(form(images.webp, 'b.webp', 'image/webp'));
    expect(second.photoUrl).not.toBe(first.photoUrl);
    expect(fs.existsSync(storedFile(first.photoUrl))).toBe(false);
    expect(storedFiles()).toEqual([path.basename(storedFile(second.photoUrl))]);

    await expectCode(me.api.me.uploadPhoto(form('text', 'c.png')), 'UNSUPPORTED_MEDIA_TYPE');
    expect((await me.api.me.get()).photoUrl).toBe(second.photoUrl);
    expect(storedFiles()).toEqual([path.basename(storedFile(second.photoUrl))]);
  });

  it('keeps one file per user when two uploads race', async () => {
    const results = await Promise.all([
      me.api.me.uploadPhoto(form(images.png)),
      me.api.me.uploadPhoto(form(images.webp, 'b.webp', 'image/webp')),
      me.api.me.uploadPhoto(form(images.gpsJpeg, 'c.jpg', 'image/jpeg')),
    ]);
    const current = (await me.api.me.get()).photoUrl;
    expect(results.map((result) => result.photoUrl)).toContain(current);
    expect(storedFiles()).toEqual([path.basename(storedFile(current ?? ''))]);
  });

  it('deletes the photo and its file; deleting again is fine', async () => {
    const { photoUrl } = await me.api.me.uploadPhoto(form(images.png));
    expect(await me.api.me.deletePhoto()).toEqual({ ok: true });
    expect((await me.api.me.get()).photoUrl).toBeNull();
    expect(fs.existsSync(storedFile(photoUrl))).toBe(false);
    expect(storedFiles()).toEqual([]);
    expect(await me.api.me.deletePhoto()).toEqual({ ok: true });
  });

  it('does not touch another user’s photo', async () => {
    const { browser: other } = await h.signedIn();
    const theirs = await other.api.me.uploadPhoto(form(images.webp, 'o.webp', 'image/webp'));
    await me.api.me.uploadPhoto(form(images.png));
    await me.api.me.deletePhoto();
    expect((await other.api.me.get()).photoUrl).toBe(theirs.photoUrl);
    expect(fs.existsSync(storedFile(theirs.photoUrl))).toBe(true);
  });
});
