// A stand-in for the App Bridge script Shopify's admin serves from its CDN,
// for demo and test mode only: a plain browser tab gets what the embedded
// pages rely on from the real one. It
// - answers shopify.idToken() with a session token minted by the double,
// - adds `Authorization: Bearer <token>` to the page's same-origin fetches
//   (Remix data requests), and retries once when the app asks for a fresh one,
// - finishes the library's bounce page (`shopify-reload`) by reloading the
//   target with an id_token, as the real script does,
// - keeps shop, host, locale and embedded on the URL across client-side navigation, as
//   the admin's iframe always has them, so reloading any page signs in again,
// - shows <ui-nav-menu> as a navigation bar and shopify.toast as a toast.
import { adminLinksScript } from "./app-bridge-admin-links";
import { saveBarScript } from "./app-bridge-save-bar";

export function appBridgeScript(doubleUrl: string): string {
  return `(() => {
  const DOUBLE = ${JSON.stringify(doubleUrl)};
  const script = document.currentScript;
  const params = new URLSearchParams(location.search);
  const shop = params.get("shop") || sessionStorage.getItem("quita-double-shop");
  if (shop) sessionStorage.setItem("quita-double-shop", shop);
  const host = params.get("host") || sessionStorage.getItem("quita-double-host");
  if (host) sessionStorage.setItem("quita-double-host", host);
  // The admin user's language: the admin opens the app with it and App Bridge reports it.
  const locale = params.get("locale") || sessionStorage.getItem("quita-double-locale") || "en";
  sessionStorage.setItem("quita-double-locale", locale);
  let cached = null;

  async function idToken() {
    if (cached && cached.expires > Date.now() + 5000) return cached.token;
    const response = await fetch(DOUBLE + "/_double/session-token?shop=" + encodeURIComponent(shop || ""));
    const { token } = await response.json();
    cached = { token, expires: Date.now() + 55000 };
    return token;
  }

  const reloadTo = params.get("shopify-reload");
  if (reloadTo) {
    idToken().then((token) => {
      const target = new URL(reloadTo);
      target.searchParams.set("id_token", token);
      location.replace(target.toString());
    });
    return;
  }

  // In the admin, the app's URL always carries these: a reload starts from them (the library
  // then bounces for a fresh session token). Remix navigates with history.pushState and drops
  // them, so they are put back on every same-origin URL the page pushes or replaces.
  const kept = { shop, host, embedded: "1", locale };
  const withAdminParams = (url) => {
    if (url === undefined || url === null || !shop) return url;
    const target = new URL(String(url), location.href);
    if (target.origin !== location.origin) return url;
    for (const [name, value] of Object.entries(kept)) if (value && !target.searchParams.has(name)) target.searchParams.set(name, value);
    return target.pathname + target.search + target.hash;
  };
  for (const method of ["pushState", "replaceState"]) {
    const original = history[method].bind(history);
    history[method] = (state, unused, url) => original(state, unused, withAdminParams(url));
  }

  const originalFetch = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (url.origin !== location.origin) return originalFetch(input, init);
    const send = async () => {
      const headers = new Headers((init && init.headers) || (input instanceof Request ? input.headers : undefined));
      headers.set("Authorization", "Bearer " + (await idToken()));
      return originalFetch(input, { ...init, headers });
    };
    const response = await send();
    if (response.status === 401 && response.headers.get("X-Shopify-Retry-Invalid-Session-Request") === "1") {
      cached = null;
      return send();
    }
    return response;
  };

  const style = document.createElement("style");
  style.textContent = [
    "ui-nav-menu{display:flex;gap:4px;align-items:center;padding:8px 16px;background:#1a1a1a;font:500 13px/20px system-ui,sans-serif}",
    "ui-nav-menu::before{content:'Quita';color:#fff;font-weight:650;margin-right:16px}",
    "ui-nav-menu a{color:#e3e3e3;text-decoration:none;padding:4px 10px;border-radius:8px}",
    "ui-nav-menu a[aria-current=page]{background:#303030;color:#fff}",
    "ui-title-bar{display:none}",
    ".quita-double-toast{position:fixed;bottom:24px;left:50%;transform:translateX(-50%);background:#1a1a1a;color:#fff;padding:10px 16px;border-radius:10px;font:13px system-ui,sans-serif}",
  ].join("");
  document.head.appendChild(style);

  function markCurrent() {
    for (const link of document.querySelectorAll("ui-nav-menu a")) {
      const path = new URL(link.getAttribute("href"), location.href).pathname;
      const current = link.getAttribute("rel") === "home" ? location.pathname === path : location.pathname.startsWith(path);
      if (current) link.setAttribute("aria-current", "page"); else link.removeAttribute("aria-current");
    }
  }
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element && event.target.closest("ui-nav-menu a");
    if (!link) return;
    event.preventDefault();
    // The app's AppProvider navigates on this event, as with the real admin menu.
    link.dispatchEvent(new CustomEvent("shopify:navigate", { bubbles: true }));
    setTimeout(markCurrent, 50);
  });
  new MutationObserver(markCurrent).observe(document.documentElement, { childList: true, subtree: true });
  window.addEventListener("popstate", markCurrent);

  ${adminLinksScript()}
  window.shopify = {
    config: { apiKey: script && script.dataset.apiKey, shop, host, locale },
    environment: { embedded: true, mobile: false, pos: false },
    idToken,
    toast: {
      show(message) {
        const toast = document.createElement("div");
        toast.className = "quita-double-toast";
        toast.textContent = message;
        document.body.appendChild(toast);
        setTimeout(() => toast.remove(), 3000);
      },
      hide() {},
    },
    loading() {},
  };
  ${saveBarScript()}
})();
`;
}
