import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * bcrypt on a small pool of worker threads that run at a lower CPU priority than the event loop.
 * On a small machine, hashing at full speed on every core would otherwise leave the event loop
 * waiting for a core, and every other request with it; at a lower priority the hashes use whatever
 * the event loop leaves, so sign-ins still get the machine's full bcrypt throughput.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const os = require('node:os');
try {
  // Linux: a thread's own id, to lower only this thread's priority.
  const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid) && tid > 0) os.setPriority(tid, workerData.nice);
} catch {
  // Elsewhere the pool still works, at normal priority.
}
const bcrypt = require(workerData.bcryptPath);
parentPort.on('message', (task) => {
  try {
    const result =
      task.op === 'hash'
        ? bcrypt.hashSync(Buffer.from(task.input, 'utf8'), task.cost)
        : bcrypt.verifySync(Buffer.from(task.input, 'utf8'), task.hash);
    parentPort.postMessage({ id: task.id, result });
  } catch (error) {
    parentPort.postMessage({ id: task.id, error: String((error && error.message) || error) });
  }
});
`;

type Task =
  { op: 'hash'; input: string; cost: number } | { op: 'verify'; input: string; hash: string };

interface Pending {
  task: Task & { id: number };
  resolve: (value: string | boolean) => void;
  reject: (error: Error) => void;
}

export interface BcryptPool {
  hash(input: string, cost: number): Promise<string>;
  verify(input: string, hash: string): Promise<boolean>;
  close(): Promise<void>;
}

export function createBcryptPool(size: number, options: { nice?: number } = {}): BcryptPool {
  const bcryptPath = createRequire(import.meta.url).resolve('@node-rs/bcrypt');
  const idle: Worker[] = [];
  const all: Worker[] = [];
  const queue: Pending[] = [];
  const inFlight = new Map<Worker, Pending>();
  let nextId = 1;

  function spawnWorker(): Worker {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { bcryptPath, nice: options.nice ?? 10 },
      // A hash thread holds a password and a hash at a time: a small heap is plenty, and each
      // thread's default heap would otherwise add tens of megabytes to the server.
      resourceLimits: { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 16 },
    });
    // Idle hash threads never keep the process alive.
    worker.unref();
    worker.on('message', (message: { id: number; result?: string | boolean; error?: string }) => {
      const pending = inFlight.get(worker);
      inFlight.delete(worker);
      if (pending) {
        if (message.error !== undefined) pending.reject(new Error(message.error));
        else pending.resolve(message.result ?? false);
      }
      release(worker);
    });
    worker.on('error', (error) => {
      const pending = inFlight.get(worker);
      inFlight.delete(worker);
      pending?.reject(error);
      all.splice(all.indexOf(worker), 1);
    });
    all.push(worker);
    return worker;
  }

  function release(worker: Worker): void {
    const next = queue.shift();
    if (next) {
      inFlight.set(worker, next);
      worker.ref();
      worker.postMessage(next.task);
    } else {
      worker.unref();
      idle.push(worker);
    }
  }

  function run(task: Task): Promise<string | boolean> {
    return new Promise((resolve, reject) => {
      const pending: Pending = { task: { ...task, id: nextId++ }, resolve, reject };
      const worker = idle.pop() ?? (all.length < size ? spawnWorker() : undefined);
      if (!worker) {
        queue.push(pending);
        return;
      }
      inFlight.set(worker, pending);
      worker.ref();
      worker.postMessage(pending.task);
    });
  }

  return {
    hash: async (input, cost) => String(await run({ op: 'hash', input, cost })),
    verify: async (input, hash) => (await run({ op: 'verify', input, hash })) === true,
    async close() {
      await Promise.all(all.map((worker) => worker.terminate()));
      all.length = 0;
      idle.length = 0;
    },
  };
}
