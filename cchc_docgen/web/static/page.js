// The page: the form's content goes to the server as the drafter types (debounced), the
// findings come back at their fields, and the pages are drawn from the document view.
// The plan lives here, in the page (and the browser's storage), never on the server.
"use strict";

(() => {
  const HEADERS = { "Content-Type": "application/json", "X-CCHC-Form": "1" };
  const STORE = "cchc-docgen-plan";
  const DOCUMENT_DOWNLOADS = ["download-gop", "download-rieng", "download-pdf", "download-pdf-rieng"];  // -- open once no error is left --
  const $ = (id) => document.getElementById(id);
  const node = Form.node;
  let root = null, timer = null, sequence = 0, clean = false;
  let opened = { name: "ke-hoach.yaml", text: null, path: null };  // -- the file the plan came from: saved back with its comments --
  let guesses = [];  // -- the importer's guesses still to review: {path, message}; "" is about the whole plan --
  let notes = [];  // -- what the importer could not read --

  function spec() { return root ? root.get("") || {} : {}; }
  Form.current = spec;

  function status(text) { $("status").textContent = text; }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(check, 350);
  }

  async function post(url, body, extra = {}) {
    return fetch(url, { method: "POST", headers: { ...HEADERS, ...extra }, body });
  }

  async function check() {
    const mine = ++sequence;
    const plan = spec();
    try { localStorage.setItem(STORE, JSON.stringify(plan)); } catch (e) { /* storage full or off: the page still works */ }
    status("Đang kiểm tra…");
    document.body.dataset.checking = "1";
    const response = await post("/api/check", JSON.stringify({ spec: plan }));
    if (mine !== sequence) return;  // -- the drafter typed again: a newer answer is coming --
    const answer = await response.json();
    delete document.body.dataset.checking;
    if (!response.ok) { status(answer.refused || `Lỗi ${response.status}`); return; }
    showFindings(answer.findings);
    showPreview(answer.preview);
  }

  function fieldOf(path) {
    // -- the input with this path, or the nearest enclosing one ("a[2].b" → "a[2]" → "a"); an
    // -- input of a form not chosen (a hidden choice) is not the field --
    let p = path;
    while (p) {
      const found = [...document.querySelectorAll(`#plan [data-path="${CSS.escape(p)}"]`)].find((el) => !el.closest("[hidden]"));
      if (found) return found;
      const cut = Math.max(p.lastIndexOf("."), p.lastIndexOf("["));
      p = cut > 0 ? p.slice(0, cut) : "";
    }
    return null;
  }

  function reveal(input, severity) {
    // -- an error unfolds the parts of the form it is in; a warning or guess marks the folded title --
    for (let d = input.closest("details:not([open])"); d; d = d.parentElement && d.parentElement.closest("details:not([open])")) {
      if (severity === "error") d.open = true;
      else d.firstElementChild.classList.add(`folded-${severity}`);
    }
  }

  function showFindings(findings) {
    document.querySelectorAll("#plan .finding").forEach((el) => el.remove());
    document.querySelectorAll("#plan .has-error, #plan .has-warning").forEach((el) => el.classList.remove("has-error", "has-warning"));
    document.querySelectorAll("#plan .folded-warning, #plan .folded-guess").forEach((el) => el.classList.remove("folded-warning", "folded-guess"));
    const errors = findings.filter((f) => f.severity === "error");
    const warnings = findings.filter((f) => f.severity === "warning");
    const summary = $("summary");
    summary.replaceChildren();
    if (findings.length || guesses.length) {
      const counts = `${errors.length} lỗi, ${warnings.length} cảnh báo` + (guesses.length ? `, ${guesses.length} chỗ chương trình đoán cần xem lại` : "");
      summary.append(node("div", { text: counts }));
    }
    for (const f of [...errors, ...warnings]) {
      const text = f.message + (f.hint ? `\nGợi ý: ${f.hint}` : "");
      const input = fieldOf(f.path);
      const item = node("div", { class: `finding ${f.severity}`, text: `${f.severity === "error" ? "Lỗi" : "Cảnh báo"}${f.path ? " — " + f.path : ""}: ${text}` });
      if (input) {
        input.classList.add(f.severity === "error" ? "has-error" : "has-warning");
        const at = node("div", { class: `finding ${f.severity}`, text });
        at.dataset.for = f.path;
        input.after(at);
        reveal(input, f.severity);
        item.addEventListener("click", () => { reveal(input, "error"); input.focus(); });
      }
      summary.append(item);
    }
    for (const g of guesses) {
      const input = g.path ? fieldOf(g.path) : null;
      const item = node("div", { class: "finding guess", text: `Đoán${g.path ? " — " + g.path : ""}: ${g.message}` });
      if (input) {
        const at = node("div", { class: "finding guess", text: `Đoán: ${g.message} (sửa ô này hoặc để nguyên nếu đúng)` });
        at.dataset.for = g.path;
        input.after(at);
        reveal(input, "guess");
        item.addEventListener("click", () => { reveal(input, "error"); input.focus(); });
      }
      summary.append(item);
    }
    for (const n of notes) summary.append(node("div", { class: "finding note", text: `Chưa đọc được: ${n}` }));
    clean = errors.length === 0;
    for (const id of DOCUMENT_DOWNLOADS) $(id).disabled = !clean;
    status(errors.length ? "Còn lỗi: chưa tạo văn bản." : warnings.length ? "Không còn lỗi; có cảnh báo nên xem lại." : "Không có lỗi.");
  }

  function remember() {
    // -- the file opened, with the importer's guesses not yet reviewed and what it could not read: they outlive a reload as the plan does --
    try { localStorage.setItem(STORE + "-file", JSON.stringify({ ...opened, guesses, notes })); } catch (e) { /* optional */ }
  }

  function stored(key) {
    try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }

  function reviewed(event) {
    // -- a guess is reviewed once the drafter edits its field --
    const path = event.target.dataset && event.target.dataset.path;
    if (!path || !guesses.some((g) => g.path === path)) return;
    guesses = guesses.filter((g) => g.path !== path);
    remember();
    document.querySelectorAll(`#plan .finding.guess[data-for="${CSS.escape(path)}"]`).forEach((el) => el.remove());
  }

  // -- the pages --
  function runs(el, pieces) {
    for (const [text, style] of pieces) el.append(style ? node("span", { class: `s-${style}`, text }) : document.createTextNode(text));
    return el;
  }

  function header(item) {
    const left = node("div", { class: "left" });
    for (const line of item.parent) left.append(node("div", { class: "parent", text: line }));
    for (const line of item.issuer) left.append(node("div", { class: "issuer", text: line }));
    left.append(node("div", { class: "rule" }));
    if (item.number) left.append(node("div", { class: "number", text: item.number }));
    const right = node("div", { class: "right" },
      node("div", { class: "motto1", text: item.motto[0] }), node("div", { class: "motto2", text: item.motto[1] }), node("div", { class: "rule long" }));
    if (item.place_date) right.append(node("div", { class: "place", text: item.place_date }));
    const box = node("div", { class: "doc-header" }, left, right);
    const marks = [item.secrecy, item.urgency].filter(Boolean).map((t) => node("div", { class: "mark", text: t }));
    const out = node("div", {}, box, ...marks);
    if (item.draft) out.prepend(node("div", { class: "draft-mark", text: "DỰ THẢO" }));
    return out;
  }

  function signature(item) {
    const left = node("div", { class: "recipients" });
    if (item.recipients.length) left.append(node("div", { class: "head", text: "Nơi nhận:" }));
    for (const line of item.recipients) left.append(node("div", { text: line }));
    const right = node("div", { class: "sign" });
    for (const line of item.authority) right.append(node("div", { text: line }));
    right.append(node("div", { class: "name", text: item.name }));
    return node("div", { class: "signature" }, left, right);
  }

  function table(item) {
    const t = node("table", { class: "tasks" });
    const head = node("tr");
    for (const title of item.titles) head.append(node("th", { text: title }));
    t.append(head);
    for (const row of item.rows) {
      const tr = node("tr", { class: row.group ? "group" : "" });
      if (row.group) { const td = node("td", { text: row.cells.join(" ") }); td.colSpan = item.titles.length; tr.append(td); }
      else for (const cell of row.cells) tr.append(node("td", { text: cell }));
      t.append(tr);
    }
    return t;
  }

  function showPreview(documents) {
    const out = $("preview");
    if (!documents) { $("preview-note").hidden = false; out.classList.add("stale"); return; }
    $("preview-note").hidden = true;
    out.classList.remove("stale");
    const pages = [];
    for (const documentView of documents) {
      let page = node("div", { class: "page" });
      page.dataset.file = documentView.file_name;
      pages.push(page);
      for (const item of documentView.items) {
        if (item.t === "break") {
          page = node("div", { class: "page" + (item.orientation === "landscape" ? " landscape" : "") });
          pages.push(page);
        } else if (item.t === "header") page.append(header(item));
        else if (item.t === "signature") page.append(signature(item));
        else if (item.t === "table") page.append(table(item));
        else {
          const p = node("p", { class: `b-${item.kind}` });
          if (item.label) p.append(node("span", { class: "label", text: item.label }));
          page.append(runs(p, item.runs));
        }
      }
    }
    out.replaceChildren(...pages.filter((p) => p.childNodes.length));
  }

  // -- files in and out --
  function fileName(response, fallback) {
    const header = response.headers.get("Content-Disposition") || "";
    const match = /filename\*=UTF-8''([^;]+)/u.exec(header);
    return match ? decodeURIComponent(match[1]) : fallback;
  }

  async function download(url, fallback, waiting) {
    if (waiting) status(waiting);
    const response = await post(url, JSON.stringify({ spec: spec(), original: opened.text }));
    if (waiting) status("");
    if (!response.ok) { const answer = await response.json(); status(answer.refused || `Lỗi ${response.status}`); if (answer.findings) showFindings(answer.findings); return; }
    if (response.headers.get("X-Comments-Kept") === "khong" && opened.text) status("Đã tải đặc tả; cấu trúc đã đổi nên chú thích của tệp gốc không giữ được.");
    const blob = await response.blob();
    const link = node("a", { href: URL.createObjectURL(blob), download: fileName(response, fallback) });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }

  function load(answer, path) {
    opened = { name: answer.name, text: answer.text || null, path: path || null };
    guesses = answer.guesses || [];
    notes = answer.notes || [];
    remember();
    root.set(answer.spec);
    Form.refreshRefs();
    root.set(answer.spec);  // -- again: reference selects now offer the agencies just declared --
    status(answer.imported_from ? `Đã nhập ${answer.imported_from}: xem lại ${guesses.length} chỗ chương trình đoán (nền tím), rồi lưu thành ${answer.name}.`
      : guesses.length ? `Đã mở ${answer.name}: còn ${guesses.length} chỗ chương trình đoán cần xem lại (nền tím).` : `Đã mở ${answer.name}.`);
    document.body.dataset.opened = answer.name;
    check();
  }

  function notice(text) {
    // -- a file that could not be opened: its message stays until the next file opens; the form is untouched --
    $("notice").textContent = text || "";
    $("notice").hidden = !text;
  }

  async function openUpload(file) {
    const importing = !/\.ya?ml$/iu.test(file.name);
    notice("");
    status(importing ? `Đang đọc ${file.name}…` : `Đang mở ${file.name}…`);
    const response = await fetch("/api/open", { method: "POST", headers: { "X-CCHC-Form": "1", "X-File-Name": encodeURIComponent(file.name), "Content-Type": file.type || "application/octet-stream" }, body: file });
    let answer;
    try { answer = await response.json(); } catch (e) { answer = { refused: `Lỗi ${response.status}` }; }
    if (!response.ok) { status(""); notice(answer.refused || `Lỗi ${response.status}`); document.body.dataset.refused = file.name; return; }
    load(answer);
  }

  async function openFolderFile(path) {
    const response = await fetch(`/api/file?path=${encodeURIComponent(path)}`);
    const answer = await response.json();
    if (!response.ok) { notice(answer.refused); return; }
    notice("");
    load(answer, path);
  }

  async function saveToFolder() {
    const name = window.prompt("Lưu đặc tả vào thư mục làm việc với tên (có thể kèm thư mục con, ví dụ: examples/ke-hoach.yaml):", opened.path || opened.name);
    if (!name) return;
    const body = JSON.stringify({ spec: spec(), original: opened.text });
    let response = await post(`/api/save?path=${encodeURIComponent(name)}`, body);
    let answer = await response.json();
    if (response.status === 409 && answer.exists) {
      if (!window.confirm(`${answer.refused}\n\nGhi đè tệp đó bằng nội dung biểu mẫu?`)) { status("Chưa lưu: tệp đã có được giữ nguyên."); return; }
      response = await post(`/api/save?path=${encodeURIComponent(name)}&ghi_de=co`, body);
      answer = await response.json();
    }
    if (!response.ok) { status(answer.refused || `Lỗi ${response.status}`); return; }
    opened.path = answer.saved;
    listFolder();
    status(`Đã lưu ${answer.saved}` + (opened.text && !answer.comments_kept ? " (cấu trúc đã đổi nên chú thích của tệp gốc không giữ được)." : "."));
    document.body.dataset.saved = answer.saved;
  }

  async function listFolder() {
    const files = await (await fetch("/api/files")).json();
    const select = $("folder-files");
    select.replaceChildren(select.firstElementChild);
    for (const name of files.files) select.append(node("option", { value: name, text: name }));
  }

  async function start() {
    const description = await (await fetch("/api/form")).json();
    root = Form.build($("plan"), description, schedule);
    const saved = stored(STORE);
    const file = stored(STORE + "-file") || {};
    if (saved) {
      load({ spec: saved, name: file.name || "bản nháp trong trình duyệt", text: file.text,
             guesses: Array.isArray(file.guesses) ? file.guesses : [], notes: Array.isArray(file.notes) ? file.notes : [] });
    }
    for (const id of ["open-file", "import-file"]) {
      $(id).addEventListener("change", (e) => { if (e.target.files[0]) openUpload(e.target.files[0]); e.target.value = ""; });
    }
    $("save-folder").addEventListener("click", saveToFolder);
    $("download-pdf").addEventListener("click", () => download("/api/pdf?mode=gop", "ke-hoach.pdf", "Đang tạo bản PDF bằng LibreOffice…"));
    $("download-pdf-rieng").addEventListener("click", () => download("/api/pdf?mode=rieng", "ke-hoach-pdf.zip", "Đang tạo các bản PDF bằng LibreOffice…"));
    $("plan").addEventListener("input", reviewed);
    $("plan").addEventListener("change", reviewed);
    $("download-yaml").addEventListener("click", () => download(`/api/yaml?name=${encodeURIComponent(opened.name.endsWith(".yaml") || opened.name.endsWith(".yml") ? opened.name : "ke-hoach.yaml")}`, "ke-hoach.yaml"));
    $("download-gop").addEventListener("click", () => download("/api/docx?mode=gop", "ke-hoach.docx"));
    $("download-rieng").addEventListener("click", () => download("/api/docx?mode=rieng", "ke-hoach.zip"));
    await listFolder();
    $("folder-files").addEventListener("change", (e) => { if (e.target.value) openFolderFile(e.target.value); });
    document.body.dataset.ready = "1";
    check();
  }

  start();
})();
