/**
 * Builds cluster indexes off the page's main thread: a run's 10,000 pins take tens of
 * milliseconds, which a page taking in a poll a second cannot spare.
 */
import { buildClusterIndex, packClusterIndex, type ClusterPoints } from './cluster-index';

/** The worker's global scope, as far as used here (the DOM's types are the project's). */
const scope = self as unknown as {
  addEventListener(
    type: 'message',
    listener: (event: MessageEvent<{ id: number; points: ClusterPoints }>) => void,
  ): void;
  postMessage(message: unknown, transfer: Transferable[]): void;
};

scope.addEventListener('message', (event) => {
  const { id, points } = event.data;
  const { packed, transfer } = packClusterIndex(buildClusterIndex(points), points);
  scope.postMessage({ id, packed }, transfer);
});
