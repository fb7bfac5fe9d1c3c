// Admin links in the App Bridge stand-in (app-bridge.ts includes this snippet).
// In Shopify's admin, App Bridge turns a click on <a href="shopify://admin/orders/123">
// (or the older "shopify:admin/orders/123") into a navigation of the admin itself to
// that resource's page, outside the app's iframe
// (https://shopify.dev/docs/api/app-home/apis/user-interface-and-interactions/navigation-api).
// The double has no admin pages of its own, so the stand-in shows where the admin
// would go, as a notice naming the admin path (and the shop), and stays on the app's page.
export function adminLinksScript(): string {
  return `
  const ADMIN_LINK = /^shopify:(?:\\/\\/)?admin\\/?(.*)$/;
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element && event.target.closest("a[href]");
    const match = link && ADMIN_LINK.exec(link.getAttribute("href"));
    if (!match) return;
    event.preventDefault();
    const path = "/admin/" + match[1];
    let notice = document.querySelector(".quita-double-admin-link");
    if (!notice) {
      notice = document.createElement("div");
      notice.className = "quita-double-admin-link";
      notice.setAttribute("role", "status");
      notice.style.cssText = "position:fixed;top:48px;right:16px;z-index:1000;background:#1a1a1a;color:#fff;padding:10px 14px;border-radius:10px;font:13px system-ui,sans-serif";
      document.body.appendChild(notice);
    }
    notice.dataset.adminPath = path;
    notice.textContent = "Shopify admin would open " + (shop ? shop.replace(/\\.myshopify\\.com$/, "") + " " : "") + path;
    clearTimeout(notice.hideTimer);
    notice.hideTimer = setTimeout(() => notice.remove(), 6000);
  });
`;
}
