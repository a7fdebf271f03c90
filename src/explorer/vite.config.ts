import { defineConfig } from 'vite';

// Served by the API host at /explore/ (src/HealthGraph/Explorer), with its files named relative to the page so it
// also works under a path base. The .NET build sets HEALTHGRAPH_EXPLORER_OUT to a folder under obj/, so nothing built
// lands in the source tree.
export default defineConfig({
  base: './',
  build: {
    outDir: process.env.HEALTHGRAPH_EXPLORER_OUT ?? 'dist',
    emptyOutDir: true,
    sourcemap: true,
    reportCompressedSize: true,
  },
  server: {
    // `npm run dev` beside `dotnet run --project src/HealthGraph`: the page's requests go to the API.
    proxy: { '/graphql': 'http://localhost:5000' },
  },
});
