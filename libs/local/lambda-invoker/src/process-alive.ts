/**
 * Whether a process with this id exists on this machine: what a lock file or a claim left by a
 * local process is checked against. EPERM means it exists under another user.
 *
 * @example
 * if (!processAlive(holder.pid)) takeOverStaleLock();
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
