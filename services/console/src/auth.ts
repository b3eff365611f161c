// Sign-in through the tenant's OpenID provider (Keycloak locally) with oidc-client-ts: authorization code + PKCE
// for a public client, tokens kept in sessionStorage (gone with the tab), renewed with the refresh token before they
// expire, and logout at the provider. docs/console.md, "Signing in".
import { User, UserManager, WebStorageStateStore } from "oidc-client-ts";

export interface ConsoleConfig { issuer: string; clientId: string; scopes: string[] }

export class Auth {
  private user: User | null = null;
  private constructor(private readonly manager: UserManager) {
    manager.events.addUserLoaded((user) => { this.user = user; });
    // Renewal failed (session ended at the provider, refresh token revoked): sign in again.
    manager.events.addSilentRenewError(() => { void manager.signinRedirect(); });
  }

  static async start(): Promise<Auth> {
    const config: ConsoleConfig = await (await fetch("/console/config.json")).json();
    const home = location.origin + "/console/";
    const manager = new UserManager({
      authority: config.issuer,
      client_id: config.clientId,
      redirect_uri: home,
      post_logout_redirect_uri: home,
      scope: config.scopes.join(" "),
      userStore: new WebStorageStateStore({ store: sessionStorage }),
      automaticSilentRenew: true,
    });
    const auth = new Auth(manager);
    const params = new URLSearchParams(location.search);
    if (params.has("code") && params.has("state")) {
      auth.user = await manager.signinRedirectCallback();
      history.replaceState(null, "", "/console/" + location.hash);
    } else {
      auth.user = await manager.getUser();
    }
    if (!auth.user || auth.user.expired) {
      await manager.signinRedirect();
      return new Promise(() => {}); // the browser is leaving for the login page
    }
    return auth;
  }

  token(): string { return this.user?.access_token ?? ""; }

  async logout(): Promise<void> {
    await this.manager.signoutRedirect({ id_token_hint: this.user?.id_token });
  }
}
