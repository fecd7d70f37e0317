"use strict";
// Shared by the index and the document pages: building elements (text only, never HTML),
// the corrections kept in the browser until exported, and the export itself.
const Review = (() => {
  const STORE = "agreement-extractor-corrections";
  let memory = {}; // when the browser refuses local storage for file:// pages

  function load() {
    try {
      return JSON.parse(window.localStorage.getItem(STORE) || "{}");
    } catch (error) {
      return memory;
    }
  }

  function save(all) {
    memory = all;
    try {
      window.localStorage.setItem(STORE, JSON.stringify(all));
    } catch (error) {
      // kept in memory for this page only
    }
  }

  // el("a", {href: "x", class: "y"}, "text", child): strings become text nodes.
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value !== null && value !== undefined && value !== false) {
        node.setAttribute(name, value === true ? "" : String(value));
      }
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function id(documentKey, field) {
    return documentKey + "\u0000" + field;
  }

  function put(correction) {
    const all = load();
    all[id(correction.document, correction.field)] = correction;
    save(all);
  }

  function remove(documentKey, field) {
    const all = load();
    delete all[id(documentKey, field)];
    save(all);
  }

  function get(documentKey, field) {
    return load()[id(documentKey, field)] || null;
  }

  function list() {
    return Object.values(load()).sort((a, b) =>
      a.document === b.document ? (a.field < b.field ? -1 : 1) : a.document < b.document ? -1 : 1
    );
  }

  function exportFile() {
    const body = JSON.stringify(
      { format: "agreement-extractor corrections", version: 1, corrections: list() },
      null,
      2
    );
    const url = URL.createObjectURL(new Blob([body + "\n"], { type: "application/json" }));
    const link = el("a", { href: url, download: "corrections.json", hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function exportButton() {
    const count = el("span", { class: "pending-count" });
    const refresh = () => {
      count.textContent = String(list().length);
    };
    const button = el(
      "button",
      { type: "button", id: "export", title: "Download corrections.json" },
      "Export corrections (",
      count,
      ")"
    );
    button.addEventListener("click", exportFile);
    refresh();
    return { button, refresh };
  }

  // Amounts in German notation; a year or other integer field as it is ("2023").
  function formatValue(value, kind) {
    if (value === null || value === undefined) return "—";
    if (typeof value === "boolean") return value ? "yes" : "no";
    if (typeof value === "number" && kind !== "integer") {
      const cents = Number.isInteger(value) ? {} : { minimumFractionDigits: 2 };
      return value.toLocaleString("de-DE", cents);
    }
    return String(value);
  }

  function statusLabel(status) {
    return status === "needs_review" ? "needs review" : status;
  }

  function documentHref(key, prefix) {
    return prefix + encodeURIComponent(key) + ".html";
  }

  return { el, put, remove, get, list, exportButton, formatValue, statusLabel, documentHref };
})();
