"use strict";
// The index: one row per document, failed and needs-review first (the data is in that
// order), counts at the top, filters by status, region and year.
(() => {
  const { el } = Review;
  const documents = window.REVIEW_INDEX.documents;
  const app = document.getElementById("app");

  const count = (status) => documents.filter((d) => d.status === status).length;
  const summary = el(
    "p",
    { id: "counts" },
    `${count("needs_review")} need review, ${count("failed")} failed, ${count("ok")} ok`
  );

  function select(name, label, values) {
    const node = el("select", { id: `filter-${name}`, name });
    node.append(el("option", { value: "" }, `${label}: all`));
    for (const value of values) node.append(el("option", { value }, value));
    return node;
  }
  const distinct = (values) =>
    [...new Set(values.filter((v) => v !== null && v !== ""))].sort().map(String);
  const statusFilter = select("status", "Status", ["failed", "needs_review", "ok"]);
  const regionFilter = select("region", "Region", distinct(documents.map((d) => d.region)));
  const yearFilter = select("year", "Year", distinct(documents.map((d) => d.year)));
  const shown = el("span", { id: "shown" });
  const exporter = Review.exportButton();

  const head = el(
    "tr",
    {},
    ...["Status", "Document", "Region", "Year", "Amount (EUR)", "Projects", "Signatories", "Warnings"].map(
      (title) => el("th", { scope: "col" }, title)
    )
  );
  const body = el("tbody");
  const rows = documents.map((d) => {
    const row = el(
      "tr",
      { class: `status-${d.status}`, "data-key": d.key },
      el("td", { class: "status" }, Review.statusLabel(d.status)),
      el(
        "td",
        { class: "document" },
        el("a", { href: Review.documentHref(d.key, "doc/") }, d.file),
        d.error ? el("div", { class: "error" }, d.error) : null
      ),
      el("td", { class: "region" }, d.region || "—"),
      el("td", { class: "year" }, d.year === null ? "—" : String(d.year)),
      el("td", { class: "amount number" }, Review.formatValue(d.amount)),
      el("td", { class: "projects number" }, String(d.projects)),
      el("td", { class: "signatories number" }, String(d.signatories)),
      el("td", { class: "warnings" }, d.warnings.join(" "))
    );
    body.append(row);
    return { row, d };
  });

  function applyFilters() {
    let visible = 0;
    for (const { row, d } of rows) {
      const match =
        (!statusFilter.value || d.status === statusFilter.value) &&
        (!regionFilter.value || d.region === regionFilter.value) &&
        (!yearFilter.value || String(d.year) === yearFilter.value);
      row.hidden = !match;
      visible += match ? 1 : 0;
    }
    shown.textContent = `${visible} of ${documents.length} shown`;
  }
  for (const filter of [statusFilter, regionFilter, yearFilter]) {
    filter.addEventListener("change", applyFilters);
  }
  applyFilters();

  app.append(
    el("h1", {}, "Review"),
    summary,
    el("div", { class: "toolbar" }, statusFilter, regionFilter, yearFilter, shown, exporter.button),
    el("table", { id: "documents" }, el("thead", {}, head), body)
  );
})();
