/**
 * A failure the reader can act on: what went wrong, and 重试. Shared by the search and article pages so
 * a failed download never leaves a blank page.
 */
export function RetryAlert({ message, onRetry, className = '' }: { message: string; onRetry: () => void; className?: string }) {
  return (
    <div
      role="alert"
      className={`rounded-lg border border-red-300 bg-red-50 p-4 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100 ${className}`}
    >
      <p>{message}</p>
      <button
        type="button"
        onClick={onRetry}
        className="mt-3 rounded-md bg-red-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-red-800 dark:bg-red-300 dark:text-red-950 dark:hover:bg-red-200"
      >
        重试
      </button>
    </div>
  );
}
