// Entry point: sign in, ask the gateway who we are, then show the console or the no-access page.
import { render } from "preact";
import * as api from "./api";
import { Auth } from "./auth";
import { App } from "./components/App";
import { NoAccess } from "./components/NoAccess";
import { initFiles } from "./files";
import { lang, t } from "./i18n";
import { start } from "./store";
import "./style.css";

async function boot() {
  const root = document.getElementById("app")!;
  document.documentElement.lang = lang.value;
  root.textContent = t("signingIn");
  const auth = await Auth.start();
  api.useToken(() => auth.token());
  initFiles(() => auth.token());
  const who = await api.me();
  if (!who.tenant || who.roles.length === 0) {
    render(<NoAccess user={who.name || who.id} logout={() => auth.logout()} />, root);
    return;
  }
  root.textContent = "";
  start(() => auth.token(), who);
  render(<App logout={() => auth.logout()} />, root);
}

boot().catch((error) => {
  document.getElementById("app")!.textContent = String(error);
});
