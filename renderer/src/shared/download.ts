/** Offers bytes to the user as a file (both hosts: a Blob link download). */
export function saveFile(file: Blob, fileName: string): void {
  const url = URL.createObjectURL(file);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Bytes from base64 (atob), for files the service returns whole or in chunks. */
export function base64Bytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Saves a file the service returned as base64. */
export function downloadBase64(base64: string, mime: string, fileName: string): void {
  saveFile(new Blob([base64Bytes(base64) as BlobPart], { type: mime }), fileName);
}
