import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileTransport } from './transport';

describe('the mail drop (no SMTP_URL)', () => {
  it('writes each email as an .eml file and logs one line without the body', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-mail-'));
    const lines: string[] = [];
    const transport = fileTransport(dir, 'Roster <no-reply@localhost>', {
      info: (line) => lines.push(line),
      warn: (line) => lines.push(line),
      error: (line) => lines.push(line),
    });
    try {
      await transport.send({
        id: 7,
        to: 'ann@example.com',
        subject: 'Reset your password',
        text: 'Open http://localhost:3000/reset-password?token=SECRET123',
        html: '<a href="http://localhost:3000/reset-password?token=SECRET123">reset</a>',
      });
      const files = fs.readdirSync(dir);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/-7-ann@example\.com\.eml$/);
      const raw = fs.readFileSync(path.join(dir, files[0] ?? ''), 'utf8');
      expect(raw).toContain('To: ann@example.com');
      expect(raw).toContain('From: Roster <no-reply@localhost>');
      expect(raw).toContain('text/plain');
      expect(raw).toContain('text/html');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('Reset your password');
      expect(lines[0]).not.toContain('SECRET123');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
