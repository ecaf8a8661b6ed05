/**
 * One shared "next frame" queue for views that re-render because data changed. Each animation frame
 * runs one job (the oldest), so a wave of posts that changes every column lands as one column per
 * frame instead of one frame that lays out all of them: at most one render per frame, each small.
 * A job asked for again before its turn keeps its place and runs once. Without
 * requestAnimationFrame (tests, workers) a short timer stands in.
 */
type Job = () => void;

const queue = new Set<Job>();
let scheduled = false;

function runOne(): void {
  scheduled = false;
  const job = queue.values().next().value;
  if (job) {
    queue.delete(job);
    job();
  }
  if (queue.size > 0) schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(runOne);
  else setTimeout(runOne, 16);
}

/** Runs `job` in a coming frame, once however often it is asked before then. Returns a cancel. */
export function onNextFrame(job: Job): () => void {
  queue.add(job);
  schedule();
  return () => {
    queue.delete(job);
  };
}
