import {
  configure,
  TextReader,
  Uint8ArrayReader,
  Uint8ArrayWriter,
  ZipWriter,
} from '@zip.js/zip.js';

// The API runs in Node: no web workers; zip.js then uses the platform's CompressionStream.
configure({ useWebWorkers: false });

/** The shortest password accepted for an encrypted export (ASVS 6.2: length over rules). */
export const EXPORT_PASSWORD_MIN_LENGTH = 12;
export const EXPORT_PASSWORD_MAX_LENGTH = 128;

export interface ArchiveFile {
  readonly name: string;
  readonly content: string | Uint8Array;
}

/**
 * A zip archive whose every entry is encrypted with WinZip AES-256 (`encryptionStrength: 3`)
 * under `password`. Any current archiver opens it (7-Zip, macOS Archive Utility with
 * a helper, Windows 11 File Explorer, unzip with AES support). The password is used here only;
 * it is never stored or logged.
 */
export async function encryptedZip(
  files: readonly ArchiveFile[],
  password: string,
  lastModDate: Date,
): Promise<Buffer> {
  const writer = new ZipWriter(new Uint8ArrayWriter(), {
    password,
    encryptionStrength: 3,
    zipCrypto: false,
    lastModDate,
  });
  for (const f of files) {
    const reader =
      typeof f.content === 'string' ? new TextReader(f.content) : new Uint8ArrayReader(f.content);
    await writer.add(f.name, reader);
  }
  return Buffer.from(await writer.close());
}
