// The package's version, written into dist/ by the build (build.mjs defines it from
// package.json), so that the installed CLI needs no package.json to read at run time.
declare const __NETPOL_CANARY_VERSION__: string | undefined;

/** `1.0.0`; sources run unbundled (tsx, vitest) say that they are. */
export const VERSION: string =
  typeof __NETPOL_CANARY_VERSION__ === 'string' ? __NETPOL_CANARY_VERSION__ : '0.0.0-unbundled';
