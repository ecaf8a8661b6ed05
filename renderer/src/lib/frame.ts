/**
 * One shared "next frame" queue: everything that wants to re-render because data changed waits for
 * the same animation frame and runs in one task there, so React renders the whole wall once per
 * frame however many columns (or changes) asked. Without requestAnimationFrame (tests, workers) a
 * short timer stands in.
 */
type Job = () => void;

let queue = new Set<Job>();
let scheduled = false;

function flush(): void {
  scheduled = false;
  const jobs = queue;
  queue = new Set();
  for (const job of jobs) job();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(flush);
  else setTimeout(flush, 16);
}

/** Runs `job` in the next frame's batch (once, however often it is asked before then). Returns a cancel. */
export function onNextFrame(job: Job): () => void {
  queue.add(job);
  schedule();
  return () => {
    queue.delete(job);
  };
}
