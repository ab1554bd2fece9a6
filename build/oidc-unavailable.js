// Stands in for @actions/core's OIDC client in dist/ (build.mjs): netpol-canary never
// asks for an OIDC token, and the real client would bring an HTTP stack (undici, 770 KB)
// into every step's start. kubectl downloads (kubectl-version) keep the real one.
export class OidcClient {
  static async getIDToken() {
    throw new Error('netpol-canary does not request OIDC tokens (core.getIDToken is not bundled)');
  }
}
