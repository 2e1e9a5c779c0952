/** One question over loopback HTTP for the benchmarks, on a shared keep-alive agent. */
import { Agent, request } from 'node:http';

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/**
 * POSTs a question to `/api/ask` on 127.0.0.1.
 * @param failed called with the status code or error message of a failed request
 * @returns the milliseconds it took, or -1 when it failed
 */
export function askHttp(port: number, question: string, failed?: (why: number | string) => void): Promise<number> {
  const body = JSON.stringify({ question });
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/api/ask', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        if (res.statusCode !== 200) failed?.(res.statusCode ?? 0);
        res.on('end', () => resolve(res.statusCode === 200 ? performance.now() - started : -1));
      },
    );
    req.on('error', (e) => {
      failed?.(e.message);
      resolve(-1);
    });
    req.end(body);
  });
}

/** Closes the kept-alive connections, so a benchmark's process can end. */
export function closeAskHttp(): void {
  agent.destroy();
}
