"use strict";
// One document: its pages with every evidence box, its values grouped as in the schema,
// warnings beside their fields, corrections. Keys: n / p next / previous document,
// w next warning.
(() => {
  const { el } = Review;
  const doc = window.REVIEW_DOCUMENT;
  const app = document.getElementById("app");
  const rows = new Map(); // field path -> its row
  const boxes = new Map(); // field path -> its box
  let selected = null;
  const exporter = Review.exportButton();

  // ---- header ------------------------------------------------------------------------
  const nav = el("nav", { class: "toolbar" });
  nav.append(el("a", { href: "../index.html", id: "to-index" }, "← Index"));
  if (doc.previous !== null) {
    nav.append(el("a", { href: Review.documentHref(doc.previous, ""), id: "previous" }, "‹ previous (p)"));
  }
  if (doc.next !== null) {
    nav.append(el("a", { href: Review.documentHref(doc.next, ""), id: "next" }, "next (n) ›"));
  }
  nav.append(el("span", { class: "keys" }, "w: next warning"), exporter.button);
  const header = el(
    "header",
    {},
    el("h1", {}, doc.file),
    el("p", { class: `status status-${doc.status}`, id: "status" }, Review.statusLabel(doc.status)),
    doc.error ? el("p", { class: "error" }, doc.error) : null,
    el("p", { class: "sha" }, `SHA-256 ${doc.sha256}`),
    nav
  );

  // ---- pages and boxes ----------------------------------------------------------------
  const pagesPane = el("section", { class: "pages", id: "pages" });
  if (doc.pages_note) pagesPane.append(el("p", { class: "note" }, doc.pages_note));
  const pageFrames = new Map();
  for (const page of doc.pages) {
    const frame = el("div", { class: "page", "data-page": String(page.number) });
    frame.append(el("img", { src: page.image, alt: `page ${page.number}`, draggable: "false" }));
    frame.append(el("span", { class: "page-number" }, `page ${page.number}`));
    pagesPane.append(frame);
    pageFrames.set(page.number, { frame, page });
  }

  // ---- fields -------------------------------------------------------------------------
  const valuesPane = el("section", { class: "values", id: "values" });
  const warningList = (warnings) =>
    warnings.length
      ? el(
          "ul",
          { class: "warnings" },
          ...warnings.map((w) => el("li", { "data-code": w.code }, el("code", {}, w.code), " ", w.message))
        )
      : null;
  if (doc.warnings.length) {
    valuesPane.append(el("section", { class: "group" }, el("h2", {}, "Document warnings"), warningList(doc.warnings)));
  }

  function evidenceLine(field) {
    const ev = field.evidence;
    if (!ev) return el("div", { class: "evidence" }, field.value === null ? "not found in the document" : "no position kept");
    const parts = [`page ${ev.page}`];
    if (ev.method) parts.push(ev.method);
    if (ev.confidence !== undefined) parts.push(`confidence ${ev.confidence}`);
    const line = el("div", { class: "evidence" }, `read “${ev.text || ""}” — ${parts.join(", ")}`);
    if (ev.machine) {
      line.append(el("div", { class: "machine" }, `machine reading: “${ev.machine.text || ""}” (${ev.machine.method || "?"})`));
    }
    return line;
  }

  function editor(field, row, show) {
    const form = el("form", { class: "editor", hidden: true });
    let input;
    if (field.kind === "choice" || field.kind === "boolean") {
      input = el("select", { name: "value" });
      const options = field.kind === "boolean" ? ["true", "false"] : field.choices;
      if (field.nullable) input.append(el("option", { value: "" }, "— not in the document"));
      for (const option of options) input.append(el("option", { value: option }, option));
    } else {
      input = el("input", { name: "value", type: "text", autocomplete: "off" });
    }
    const note = el("input", { name: "note", type: "text", placeholder: "note (optional)", autocomplete: "off" });
    const save = el("button", { type: "submit" }, "Save");
    const cancel = el("button", { type: "button" }, "Cancel");
    form.append(input, note, save, cancel);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      let value = input.value.trim();
      if (value === "") value = null;
      else if (field.kind === "boolean") value = value === "true";
      Review.put({
        document: doc.key,
        sha256: doc.sha256,
        field: field.path,
        machine_value: field.value,
        value,
        note: note.value.trim() || null,
      });
      form.hidden = true;
      show();
    });
    cancel.addEventListener("click", () => {
      form.hidden = true;
    });
    const open = () => {
      const pending = Review.get(doc.key, field.path);
      const current = pending ? pending.value : field.value;
      input.value = current === null || current === undefined ? "" : String(current);
      note.value = pending && pending.note ? pending.note : "";
      form.hidden = false;
      input.focus();
    };
    return { form, open };
  }

  function fieldRow(field) {
    const row = el("div", {
      class: `field trust-${field.trust}`,
      "data-path": field.path,
      tabindex: "0",
    });
    const value = el("span", { class: "value" });
    const pending = el("div", { class: "pending" });
    const show = () => {
      value.textContent = field.value === null ? "not found" : Review.formatValue(field.value, field.kind);
      const correction = Review.get(doc.key, field.path);
      pending.textContent = "";
      row.classList.toggle("corrected", correction !== null);
      if (correction) {
        const same = JSON.stringify(correction.value) === JSON.stringify(field.value);
        const stale = correction.sha256 !== doc.sha256; // made before the file changed
        pending.append(
          same ? "confirmed" : `corrected to “${Review.formatValue(correction.value, field.kind)}”`,
          correction.note ? ` (${correction.note})` : "",
          stale ? " — made on an earlier version of the file: it will be refused " : " — export to keep it "
        );
        const undo = el("button", { type: "button", class: "undo" }, "Undo");
        undo.addEventListener("click", (event) => {
          event.stopPropagation();
          Review.remove(doc.key, field.path);
          show();
        });
        pending.append(undo);
      }
      exporter.refresh();
    };
    const edit = editor(field, row, show);
    const confirm = el("button", { type: "button", class: "confirm" }, "Confirm");
    const correct = el("button", { type: "button", class: "correct" }, "Correct");
    confirm.addEventListener("click", (event) => {
      event.stopPropagation();
      Review.put({
        document: doc.key,
        sha256: doc.sha256,
        field: field.path,
        machine_value: field.value,
        value: field.value,
        note: null,
      });
      show();
    });
    correct.addEventListener("click", (event) => {
      event.stopPropagation();
      edit.open();
    });
    edit.form.addEventListener("click", (event) => event.stopPropagation());
    const parts = [
      el("div", { class: "line" }, el("span", { class: "label" }, field.label), value, el("span", { class: "trust" }, field.trust)),
      evidenceLine(field),
      warningList(field.warnings),
      pending,
      el("div", { class: "actions" }, confirm, correct),
      edit.form,
    ];
    row.append(...parts.filter((part) => part !== null));
    row.addEventListener("click", () => select(field.path, "field"));
    show();
    return row;
  }

  for (const group of doc.groups) {
    const section = el("section", { class: "group" }, el("h2", {}, group.title));
    const groupWarnings = warningList(group.warnings);
    if (groupWarnings) section.append(groupWarnings);
    if (!group.fields.length) section.append(el("p", { class: "missing" }, "none found"));
    for (const field of group.fields) {
      const row = fieldRow(field);
      rows.set(field.path, row);
      section.append(row);
      const place = field.box;
      const target = place ? pageFrames.get(place.page) : undefined;
      if (target) {
        const [x0, top, x1, bottom] = place.bbox;
        const box = el("div", {
          class: `box trust-${field.trust}${place.borrowed ? " borrowed" : ""}`,
          "data-path": field.path,
          title: `${field.label}: ${Review.formatValue(field.value, field.kind)}`,
        });
        box.style.left = `${(100 * x0) / target.page.width}%`;
        box.style.top = `${(100 * top) / target.page.height}%`;
        box.style.width = `${(100 * (x1 - x0)) / target.page.width}%`;
        box.style.height = `${(100 * (bottom - top)) / target.page.height}%`;
        box.addEventListener("click", () => select(field.path, "box"));
        target.frame.append(box);
        boxes.set(field.path, box);
      }
    }
    valuesPane.append(section);
  }

  function select(path, from) {
    if (selected !== null) {
      rows.get(selected)?.classList.remove("selected");
      boxes.get(selected)?.classList.remove("selected");
    }
    selected = path;
    const row = rows.get(path);
    const box = boxes.get(path);
    row?.classList.add("selected");
    box?.classList.add("selected");
    if (from !== "box" && box) centreIn(pagesPane, box);
    if (from !== "field" && row) centreIn(valuesPane, row);
  }

  // Scroll only the pane (scrollIntoView would scroll the whole page too, header away).
  function centreIn(pane, element) {
    const paneBox = pane.getBoundingClientRect();
    const box = element.getBoundingClientRect();
    pane.scrollTop += box.top - paneBox.top - (pane.clientHeight - box.height) / 2;
  }

  const doubtful = [...rows.entries()]
    .filter(([, row]) => !row.classList.contains("trust-sure") && !row.classList.contains("trust-reviewed"))
    .map(([path]) => path);
  function nextWarning() {
    if (!doubtful.length) return;
    const at = doubtful.indexOf(selected);
    select(doubtful[(at + 1) % doubtful.length], "key");
  }

  document.addEventListener("keydown", (event) => {
    const typing = ["INPUT", "SELECT", "TEXTAREA"].includes(event.target.tagName);
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "n" && doc.next !== null) window.location.href = Review.documentHref(doc.next, "");
    else if (event.key === "p" && doc.previous !== null) window.location.href = Review.documentHref(doc.previous, "");
    else if (event.key === "w") nextWarning();
  });

  app.append(header, el("div", { class: "columns" }, pagesPane, valuesPane));
})();
