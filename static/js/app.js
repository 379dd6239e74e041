// Small behaviours shared by every page: toasts, dialogs loaded by htmx, the three-dot menus and
// the token buttons. Every screen also works without this file, as plain pages and forms.
(() => {
  "use strict";

  const TOAST_MS = 6000;

  // Toasts ---------------------------------------------------------------------------------
  function showToast(message, level = "info") {
    const box = document.getElementById("toasts");
    if (!box || !message) return;
    const toast = document.createElement("div");
    toast.className = `toast toast-${level}`;
    toast.textContent = message;
    box.append(toast);
    setTimeout(() => toast.remove(), TOAST_MS);
  }

  // Server events arrive through HX-Trigger, e.g. {"showToast": {"message": "…", "level": "success"}}.
  document.addEventListener("showToast", (event) => showToast(event.detail.message, event.detail.level));

  // Dialogs --------------------------------------------------------------------------------
  let opener = null;

  function rememberOpener(element) {
    // A menu item vanishes with its popover, so focus goes back to the button that opened the menu.
    const popover = element.closest("[popover]");
    const target = popover ? document.querySelector(`[popovertarget="${popover.id}"]`) : element;
    opener = target ? { element: target, id: target.id } : null;
  }

  function restoreFocus() {
    if (!opener) return;
    let target = opener.element;
    // The list may have been re-rendered meanwhile: find the same button again by its id.
    if (!target.isConnected && opener.id) target = document.getElementById(opener.id);
    (target && target.isConnected ? target : document.getElementById("main")).focus();
    opener = null;
  }

  function focusFirst(container) {
    const target = container.querySelector('[aria-invalid="true"]') || container.querySelector("[autofocus]");
    if (target) target.focus();
  }

  function openDialog(dialog) {
    if (dialog.open) return;
    document.querySelectorAll("#modal-root dialog[open]").forEach((other) => other !== dialog && other.close());
    dialog.addEventListener(
      "close",
      () => {
        dialog.remove();
        restoreFocus();
      },
      { once: true },
    );
    dialog.showModal();
    focusFirst(dialog);
  }

  function closeDialogs() {
    document.querySelectorAll("#modal-root dialog[open]").forEach((dialog) => dialog.close());
  }

  document.addEventListener("htmx:beforeRequest", (event) => {
    if (event.detail.target && event.detail.target.id === "modal-root") rememberOpener(event.detail.elt);
  });

  document.addEventListener("closeModal", closeDialogs);

  document.addEventListener("click", (event) => {
    const closer = event.target.closest("[data-close-dialog]");
    if (closer && closer.closest("dialog")) closer.closest("dialog").close();
  });

  // Menus (popover) --------------------------------------------------------------------------
  function placeMenu(menu) {
    const button = document.querySelector(`[popovertarget="${menu.id}"]`);
    if (!button) return;
    const box = button.getBoundingClientRect();
    const width = menu.offsetWidth;
    const left = Math.max(8, Math.min(box.right - width, window.innerWidth - width - 8));
    const below = box.bottom + 4;
    const top = below + menu.offsetHeight > window.innerHeight ? box.top - menu.offsetHeight - 4 : below;
    menu.style.left = `${left}px`;
    menu.style.top = `${Math.max(8, top)}px`;
  }

  // toggle does not bubble, so listen while capturing.
  document.addEventListener(
    "toggle",
    (event) => {
      const menu = event.target;
      if (menu.matches && menu.matches(".popover-menu") && event.newState === "open") {
        placeMenu(menu);
        const first = menu.querySelector("button, a");
        if (first) first.focus();
      }
    },
    true,
  );
  window.addEventListener("resize", () => document.querySelectorAll(".popover-menu:popover-open").forEach(placeMenu));
  window.addEventListener("scroll", () => document.querySelectorAll(".popover-menu:popover-open").forEach(placeMenu), true);

  // Tokens ---------------------------------------------------------------------------------
  async function copyText(text) {
    try {
      await navigator.clipboard.writeText(text);
      showToast("Token copied", "success");
      return true;
    } catch {
      showToast("Your browser blocked the clipboard. Select the token and copy it yourself.", "error");
      return false;
    }
  }

  async function fetchToken(form, purpose) {
    const body = new FormData(form);
    body.set("purpose", purpose);
    const response = await fetch(form.action, {
      method: "POST",
      body,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      showToast(problem.detail || "The token could not be loaded. Reload the page and try again.", "error");
      return null;
    }
    return (await response.json()).token;
  }

  function setRevealed(form, token) {
    const value = form.querySelector(".token-value");
    const toggle = form.querySelector("[data-reveal-toggle]");
    form.toggleAttribute("data-revealed", Boolean(token));
    value.textContent = token || form.dataset.masked;
    toggle.setAttribute("aria-label", token ? "Hide token" : "Reveal token");
  }

  // The Auth tab: the plaintext is fetched (a POST) only when revealed or copied.
  document.addEventListener("submit", async (event) => {
    const form = event.target.closest("[data-token-form]");
    if (!form) return;
    event.preventDefault();
    const purpose = event.submitter && event.submitter.value === "copy" ? "copy" : "reveal";
    if (purpose === "reveal" && form.hasAttribute("data-revealed")) {
      setRevealed(form, null);
      return;
    }
    const token = await fetchToken(form, purpose);
    if (!token) return;
    if (purpose === "reveal") setRevealed(form, token);
    else if (!(await copyText(token))) setRevealed(form, token);
  });

  // The one-time token shown right after creation is already on the page.
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-copy-from]");
    if (!button) return;
    const input = document.querySelector(button.dataset.copyFrom);
    if (input) copyText(input.value).then((copied) => copied || input.select());
  });

  // Start-up ---------------------------------------------------------------------------------
  function init(root) {
    if (root.matches && root.matches("dialog[data-modal]")) openDialog(root);
    root.querySelectorAll("dialog[data-modal]").forEach(openDialog);
    // A wizard step swapped into an open dialog: focus its first error or first field.
    if (root.id === "wizard" && root.closest("dialog[open]")) focusFirst(root);
  }

  // htmx (loaded just before this file) reports the body at start-up and every swapped fragment after.
  if (window.htmx) window.htmx.onLoad(init);
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("#toasts .toast").forEach((toast) => setTimeout(() => toast.remove(), TOAST_MS));
  });
})();
