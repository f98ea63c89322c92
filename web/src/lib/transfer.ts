import { CSRF_HEADER, csrfToken } from '../api/csrf';
import { ApiError, problemOf } from '../api/problem';

/** Bytes done and, when the size is known, the total: what a <progress> shows. */
export interface Progress {
  loaded: number;
  total?: number;
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Uploads a file's raw content with upload progress. fetch() cannot report upload progress, so
 * this one call uses XMLHttpRequest; the fields travel as the X-* headers the API documents.
 */
export async function uploadWithProgress(path: string, file: Blob, headers: Record<string, string>, onProgress: (progress: Progress) => void): Promise<unknown> {
  const token = await csrfToken();
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    request.withCredentials = true;
    request.setRequestHeader(CSRF_HEADER, token);
    request.setRequestHeader('Content-Type', file.type === '' ? 'application/octet-stream' : file.type);
    for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => {
      onProgress(event.lengthComputable ? { loaded: event.loaded, total: event.total } : { loaded: event.loaded });
    };
    request.onload = () => {
      const body = parseBody(request.responseText);
      if (request.status >= 200 && request.status < 300) resolve(body);
      else reject(new ApiError(problemOf(body, request.status)));
    };
    request.onerror = () => {
      reject(new ApiError(problemOf(undefined, 0)));
    };
    request.send(file);
  });
}

async function readWithProgress(response: Response, onProgress: (progress: Progress) => void): Promise<Blob> {
  const length = Number(response.headers.get('Content-Length') ?? '');
  const total = Number.isFinite(length) && length > 0 ? length : undefined;
  const reader = response.body?.getReader();
  if (reader === undefined) return response.blob();
  const chunks: BlobPart[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    onProgress(total === undefined ? { loaded } : { loaded, total });
  }
  return new Blob(chunks, { type: response.headers.get('Content-Type') ?? 'application/octet-stream' });
}

function fileNameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (encoded !== undefined) return decodeURIComponent(encoded);
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? fallback;
}

/**
 * Downloads with progress and hands the file to the browser as a download. `init` carries the
 * method (POST for the exports that are logged reads) and any headers.
 */
export async function downloadWithProgress(path: string, fallbackName: string, onProgress: (progress: Progress) => void, init: RequestInit = {}): Promise<string> {
  const method = (init.method ?? 'GET').toUpperCase();
  const headers = new Headers(init.headers);
  if (method !== 'GET') headers.set(CSRF_HEADER, await csrfToken());
  const response = await fetch(path, { ...init, method, headers, credentials: 'same-origin' });
  if (!response.ok) {
    throw new ApiError(problemOf(parseBody(await response.text()), response.status));
  }
  const blob = await readWithProgress(response, onProgress);
  const name = fileNameOf(response, fallbackName);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
  return name;
}
