// The contextual save bar in the App Bridge stand-in (app-bridge.ts includes this
// snippet after window.shopify exists). As Shopify's admin does
// (https://shopify.dev/docs/api/app-home/apis/user-interface-and-interactions/save-bar-api,
// https://shopify.dev/docs/api/app-home/app-bridge-web-components/ui-save-bar,
// https://shopify.dev/docs/api/app-home/app-bridge-web-components/save-bar):
// - a <ui-save-bar id> element keeps its <button> children hidden; show(), hide(), toggle(),
//   `showing` and `discardConfirmation` on the element, "show"/"hide" events, and
//   shopify.saveBar.show(id) / hide(id) / toggle(id) / leaveConfirmation();
// - while one shows, a bar across the top of the admin says there are unsaved changes, with
//   Discard and Save: Save clicks the child button with variant="primary", Discard the other
//   (after a confirmation when discardConfirmation is set); a child's `loading` or
//   `disabled` shows on the admin's button;
// - a <form data-save-bar> shows the bar when a field differs from what the form started with;
//   Save submits the form (requestSubmit), Discard resets it, and a submit or reset hides it;
// - the admin's menu does not leave the page while the bar shows: the bar shakes instead.
export function saveBarScript(): string {
  return `
  const SAVE_BAR_WORDS = {
    en: { message: "Unsaved changes", save: "Save", discard: "Discard", confirm: "Discard all unsaved changes?", keep: "Continue editing", drop: "Discard changes" },
    "pt-BR": { message: "Alterações não salvas", save: "Salvar", discard: "Descartar", confirm: "Descartar todas as alterações não salvas?", keep: "Continuar editando", drop: "Descartar alterações" },
    es: { message: "Cambios no guardados", save: "Guardar", discard: "Descartar", confirm: "¿Descartar todos los cambios no guardados?", keep: "Seguir editando", drop: "Descartar cambios" },
  };
  const words = SAVE_BAR_WORDS[locale] || SAVE_BAR_WORDS[String(locale).split("-")[0]] || SAVE_BAR_WORDS.en;
  const saveBarStyle = document.createElement("style");
  saveBarStyle.textContent = [
    "ui-save-bar{display:none}",
    ".quita-double-save-bar{position:fixed;top:0;left:0;right:0;z-index:1000;display:flex;align-items:center;gap:8px;padding:8px 16px;background:#1a1a1a;color:#fff;font:600 13px/20px system-ui,sans-serif}",
    ".quita-double-save-bar p{margin:0;flex:1}",
    ".quita-double-save-bar button{font:inherit;border-radius:8px;padding:4px 12px;cursor:pointer;border:1px solid #8a8a8a;background:#1a1a1a;color:#fff}",
    ".quita-double-save-bar button[data-action=save]{background:#fff;color:#1a1a1a;border-color:#fff}",
    ".quita-double-save-bar button:disabled{opacity:.6;cursor:default}",
    ".quita-double-save-bar.shake{animation:quita-shake .3s}",
    "@keyframes quita-shake{25%{transform:translateX(-6px)}75%{transform:translateX(6px)}}",
    "body.quita-double-save-bar-open{padding-top:36px}",
    ".quita-double-discard-dialog{position:fixed;inset:0;z-index:1001;display:flex;align-items:center;justify-content:center;background:rgba(0,0,0,.5);font:13px system-ui,sans-serif}",
    ".quita-double-discard-dialog div{background:#fff;color:#1a1a1a;padding:16px;border-radius:12px;display:flex;flex-direction:column;gap:12px}",
  ].join("");
  document.head.appendChild(saveBarStyle);

  // What is showing: a <ui-save-bar> element or a data-save-bar form.
  let shown = null;
  let adminBar = null;

  function discardConfirmed(needed) {
    if (!needed) return Promise.resolve(true);
    return new Promise((resolve) => {
      const dialog = document.createElement("div");
      dialog.className = "quita-double-discard-dialog";
      dialog.setAttribute("role", "dialog");
      dialog.setAttribute("aria-modal", "true");
      dialog.setAttribute("aria-label", words.confirm);
      const box = document.createElement("div");
      const question = document.createElement("p");
      question.textContent = words.confirm;
      box.appendChild(question);
      for (const [label, answer] of [[words.keep, false], [words.drop, true]]) {
        const button = document.createElement("button");
        button.textContent = label;
        button.addEventListener("click", () => { dialog.remove(); resolve(answer); });
        box.appendChild(button);
      }
      dialog.appendChild(box);
      document.body.appendChild(dialog);
    });
  }

  function renderAdminBar() {
    if (!shown) {
      if (adminBar) adminBar.remove();
      adminBar = null;
      document.body.classList.remove("quita-double-save-bar-open");
      return;
    }
    if (!adminBar) {
      adminBar = document.createElement("div");
      adminBar.className = "quita-double-save-bar";
      adminBar.setAttribute("role", "region");
      adminBar.setAttribute("aria-label", words.message);
      adminBar.innerHTML = "<p></p><button type='button' data-action='discard'></button><button type='button' data-action='save'></button>";
      adminBar.querySelector("p").textContent = words.message;
      adminBar.querySelector("[data-action=discard]").textContent = words.discard;
      adminBar.querySelector("[data-action=save]").textContent = words.save;
      adminBar.addEventListener("click", (event) => {
        const action = event.target instanceof Element && event.target.getAttribute("data-action");
        if (action && shown) shown.act(action);
      });
      document.body.appendChild(adminBar);
      document.body.classList.add("quita-double-save-bar-open");
    }
    for (const action of ["save", "discard"]) {
      const state = shown.state(action);
      const button = adminBar.querySelector("[data-action=" + action + "]");
      button.disabled = state.disabled || state.loading;
      button.setAttribute("aria-busy", state.loading ? "true" : "false");
      button.textContent = state.loading && action === "save" ? words.save + "…" : words[action];
    }
  }
  function showSaveBar(target) {
    shown = target;
    renderAdminBar();
  }
  function hideSaveBar(target) {
    if (shown !== target) return;
    shown = null;
    renderAdminBar();
  }

  class UiSaveBar extends HTMLElement {
    constructor() {
      super();
      this._showing = false;
      this._observer = new MutationObserver(() => { if (shown === this) renderAdminBar(); });
    }
    connectedCallback() { this._observer.observe(this, { subtree: true, childList: true, attributes: true }); }
    disconnectedCallback() { this._observer.disconnect(); if (this._showing) this.hide(); }
    get showing() { return this._showing; }
    get discardConfirmation() { return this.hasAttribute("discardConfirmation") || this.hasAttribute("discard-confirmation"); }
    set discardConfirmation(value) { if (value) this.setAttribute("discardConfirmation", ""); else { this.removeAttribute("discardConfirmation"); this.removeAttribute("discard-confirmation"); } }
    button(action) {
      const buttons = [...this.querySelectorAll("button")];
      return action === "save" ? buttons.find((b) => b.getAttribute("variant") === "primary") : buttons.find((b) => !b.hasAttribute("variant"));
    }
    state(action) {
      const button = this.button(action);
      return { disabled: Boolean(button && button.hasAttribute("disabled")), loading: Boolean(button && button.hasAttribute("loading")) };
    }
    async act(action) {
      if (action === "discard" && !(await discardConfirmed(this.discardConfirmation))) return;
      const button = this.button(action);
      if (button) button.click();
    }
    async show() {
      if (this._showing) return;
      this._showing = true;
      showSaveBar(this);
      this.dispatchEvent(new Event("show"));
    }
    async hide() {
      if (!this._showing) return;
      this._showing = false;
      hideSaveBar(this);
      this.dispatchEvent(new Event("hide"));
    }
    async toggle() { return this._showing ? this.hide() : this.show(); }
  }
  if (!customElements.get("ui-save-bar")) customElements.define("ui-save-bar", UiSaveBar);

  const byId = (id) => {
    const element = document.getElementById(id);
    if (!(element instanceof UiSaveBar)) throw new Error("No ui-save-bar with id " + id);
    return element;
  };

  // Forms with data-save-bar: what each started with, to know when a field differs.
  const startedWith = new WeakMap();
  const valuesOf = (form) => JSON.stringify([...form.elements].map((e) => (e.type === "checkbox" || e.type === "radio" ? e.checked : e.value)));
  function formBar(form) {
    return {
      form,
      state: () => ({ disabled: false, loading: false }),
      async act(action) {
        if (action === "save") form.requestSubmit();
        else if (await discardConfirmed(form.hasAttribute("data-discard-confirmation"))) form.reset();
      },
    };
  }
  function watchForm(form) {
    if (!startedWith.has(form)) startedWith.set(form, valuesOf(form));
  }
  function formChanged(event) {
    const form = event.target instanceof Element && event.target.closest("form[data-save-bar]");
    if (!form) return;
    watchForm(form);
    const differs = valuesOf(form) !== startedWith.get(form);
    if (differs && !(shown && shown.form === form)) showSaveBar(formBar(form));
    if (!differs && shown && shown.form === form) hideSaveBar(shown);
  }
  // Capture what a form holds before the merchant's first keystroke changes it.
  document.addEventListener("focusin", (event) => {
    const form = event.target instanceof Element && event.target.closest("form[data-save-bar]");
    if (form) watchForm(form);
  });
  document.addEventListener("input", formChanged);
  document.addEventListener("change", formChanged);
  for (const type of ["submit", "reset"]) {
    document.addEventListener(type, (event) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-save-bar")) return;
      if (shown && shown.form === form) hideSaveBar(shown);
      // After a reset the fields change only once the event is done.
      setTimeout(() => startedWith.set(form, valuesOf(form)), 0);
    });
  }

  function shake() {
    if (!adminBar) return;
    adminBar.classList.remove("shake");
    void adminBar.offsetWidth;
    adminBar.classList.add("shake");
  }
  // The admin's menu stays on the page while changes are unsaved.
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element && event.target.closest("ui-nav-menu a");
    if (!link || !shown) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    shake();
  }, true);

  window.shopify.saveBar = {
    show: async (id) => byId(id).show(),
    hide: async (id) => byId(id).hide(),
    toggle: async (id) => byId(id).toggle(),
    // Resolves at once when nothing is unsaved; otherwise the bar shakes and the merchant saves or discards first.
    leaveConfirmation: () => (shown ? (shake(), new Promise(() => {})) : Promise.resolve()),
  };
`;
}
