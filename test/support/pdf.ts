import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** The text of a PDF as pdf.js (pdfjs-dist) extracts it, and its page count. */
export function pdfText(pdf: Uint8Array): Promise<{ pages: number; text: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, 'pdf-text.mjs')], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`pdf-text exited ${code}: ${Buffer.concat(err)}`));
      else resolve(JSON.parse(Buffer.concat(out).toString('utf8')));
    });
    child.stdin.end(Buffer.from(pdf));
  });
}
