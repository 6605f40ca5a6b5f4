/**
 * Loads a large library with source maps off. pdf.js (and the copy officeparser bundles) ship
 * megabytes of source maps; with source maps on (tsx turns them on), Node parses and keeps them
 * for stack traces, about 110 MB per thread for a library we never debug.
 */
export async function withoutSourceMaps<T>(load: () => Promise<T>): Promise<T> {
  const enabled = process.sourceMapsEnabled;
  process.setSourceMapsEnabled(false);
  try {
    return await load();
  } finally {
    process.setSourceMapsEnabled(enabled);
  }
}
