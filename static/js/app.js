// Small behaviours shared by every page: toasts fade out on their own.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("#toasts .toast").forEach((toast) => {
    setTimeout(() => toast.remove(), 6000);
  });
});
