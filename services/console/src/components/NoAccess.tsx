import { t } from "../i18n";

/** For a signed-in user the gateway grants no console role: say so once, offer logout (no reconnect loop). */
export function NoAccess({ user, logout }: { user: string; logout: () => void }) {
  return (
    <main id="no-access" class="no-access">
      <h1>{t("noRoleTitle")}</h1>
      <p>{t("noRole", { user })}</p>
      <button type="button" id="logout" onClick={logout}>{t("logout")}</button>
    </main>
  );
}
