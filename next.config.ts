import type { NextConfig } from 'next';

/**
 * The path the site is served under (`/search` for https://example.org/search/), or '' at the root.
 * `npm run build -- --base-path /search` checks it and sets BASE_PATH; Next prefixes every route, asset
 * and next/link href with it, and the search worker reads it (NEXT_PUBLIC_BASE_PATH) to find the index.
 */
const basePath = process.env.BASE_PATH ?? '';

const nextConfig: NextConfig = {
  output: 'export',
  trailingSlash: true,
  basePath,
  env: { NEXT_PUBLIC_BASE_PATH: basePath },
  images: { unoptimized: true },
  reactStrictMode: true,
};

export default nextConfig;
