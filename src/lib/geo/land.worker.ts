/**
 * Fetches the land outline and indexes it off the page's main thread (≈ 150–200 ms on a page
 * still starting): the page takes the index back whole, its buffers moved, not copied.
 */
import { fetchLand, indexLand } from './land';

/** The worker's global scope, as far as used here (the DOM's types are the project's). */
const scope = self as unknown as {
  addEventListener(type: 'message', listener: (event: MessageEvent<string>) => void): void;
  postMessage(message: unknown, transfer?: Transferable[]): void;
};

scope.addEventListener('message', (event) => {
  void fetchLand(event.data)
    .then((topology) => {
      const built = indexLand(topology);
      scope.postMessage(built, [built.edges.buffer, built.index]);
    })
    .catch((error: unknown) => scope.postMessage({ error: String(error) }));
});
