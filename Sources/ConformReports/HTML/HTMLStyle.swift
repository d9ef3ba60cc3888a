import ConformChecks
import ConformFindings
/// The stylesheet of the HTML pages, inlined in each page so the file opens anywhere without a network.
///
/// Meaning never rests on colour alone: every state and severity also carries a symbol and a word, so the page
/// reads the same in print, in greyscale and to a colour-blind reader.
enum HTMLStyle {
    static let css = """
        :root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--panel:#f6f8fa;--code:#eff2f5;\
        --link:#0550ae;--pass-bg:#dafbe1;--pass-fg:#0f5323;--fail-bg:#ffebe9;--fail-fg:#8c0b1d;--exer-bg:#fff8c5;\
        --exer-fg:#5c3d00;--never-fg:#59636e;--note-bg:#ddf4ff;--note-fg:#0a3069}
        @media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--panel:#151b23;\
        --code:#212830;--link:#71b7ff;--pass-bg:#0f2a1b;--pass-fg:#7ee2a0;--fail-bg:#3a1519;--fail-fg:#ffaba8;\
        --exer-bg:#2e2410;--exer-fg:#f0c35a;--never-fg:#9198a1;--note-bg:#0c2d6b;--note-fg:#a5d6ff}}
        *{box-sizing:border-box}
        [hidden]{display:none!important}
        html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
        body{margin:0;background:var(--bg);color:var(--fg);overflow-wrap:anywhere;\
        font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue","Liberation Sans",Arial,sans-serif}
        main{margin:0;padding:16px 24px}
        a{color:var(--link)}
        h1{font-size:1.75rem;margin:.1em 0 .2em;line-height:1.2}
        h2{font-size:1.3rem;margin:2rem 0 .6rem;padding-bottom:.3rem;border-bottom:1px solid var(--line)}
        h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
        p{margin:.4rem 0;max-width:110ch}
        code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono","Liberation Mono",monospace;font-size:.86em}
        code{background:var(--code);padding:.05em .3em;border-radius:4px}
        pre{background:var(--code);padding:.5em .7em;border-radius:6px;overflow-x:auto;tab-size:4;margin:.4rem 0;overflow-wrap:normal}
        pre.wrap{white-space:pre-wrap;overflow-wrap:anywhere}
        .muted,.eyebrow{color:var(--muted)}
        .eyebrow{margin:0;font-size:.85rem;text-transform:uppercase;letter-spacing:.06em}
        .verdict{display:inline-block;font-weight:700;font-size:1.1rem;padding:.2em .7em;border-radius:6px;border:2px solid}
        .verdict.pass{background:var(--pass-bg);color:var(--pass-fg)}
        .verdict.fail{background:var(--fail-bg);color:var(--fail-fg)}
        .reasons{margin:.4rem 0;padding-left:1.3rem}
        .meta{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.15rem 1rem;margin:.8rem 0}
        .meta dt{color:var(--muted)}
        .meta dd{margin:0}
        .meta ul{margin:0;padding:0;list-style:none}
        .stats{display:flex;flex-wrap:wrap;gap:.5rem;margin:.6rem 0;padding:0}
        .stat{flex:1 1 7.5rem;border:1px solid var(--line);border-radius:8px;padding:.45rem .7rem;background:var(--panel)}
        .stat dt{color:var(--muted);font-size:.85rem}
        .stat dd{margin:0;font-size:1.4rem;font-weight:700;font-variant-numeric:tabular-nums}
        .stat dd small{white-space:nowrap;font-size:.8rem;font-weight:400;color:var(--muted)}
        .stat.bad{border-color:var(--fail-fg)}
        .stat.bad dd{color:var(--fail-fg)}
        .scroll{overflow-x:auto;max-width:100%;border:1px solid var(--line);border-radius:8px}
        table{border-collapse:separate;border-spacing:0;width:100%}
        th,td{padding:.35rem .55rem;text-align:left;vertical-align:top;border-bottom:1px solid var(--line)}
        thead th{background:var(--panel);font-size:.85rem;white-space:nowrap;position:sticky;top:0}
        tbody tr:last-child>*,tfoot tr:last-child>*{border-bottom:0}
        tfoot th,tfoot td{border-top:2px solid var(--line);font-weight:700}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        .matrix{overflow-wrap:normal}
        .matrix th,.matrix td{padding:.3rem .4rem}
        .matrix thead th{white-space:normal}
        .matrix tbody th{position:sticky;left:0;z-index:1;background:var(--bg);min-width:12rem;max-width:22rem;\
        font-weight:400;border-right:1px solid var(--line);overflow-wrap:break-word}
        .matrix .op-id{overflow-wrap:anywhere}
        .matrix thead th:first-child{left:0;z-index:2}
        .matrix td.none{background:var(--panel)}
        .op-id{display:block;color:var(--muted);font-size:.8rem}
        .method{font-weight:700;font-size:.8rem;letter-spacing:.03em}
        .chips{display:flex;flex-direction:column;align-items:flex-start;gap:.2rem}
        .chip{display:inline-block;font-size:.8em;line-height:1.3;padding:.1em .45em;border-radius:6px;border:1px solid}
        .chip .n{white-space:nowrap;font-variant-numeric:tabular-nums}
        .chip.passed{background:var(--pass-bg);color:var(--pass-fg)}
        .chip.failed{background:var(--fail-bg);color:var(--fail-fg);font-weight:600}
        .chip.exercised{background:var(--exer-bg);color:var(--exer-fg)}
        .chip.never-seen{background:transparent;color:var(--never-fg);border-style:dashed}
        .legend{display:flex;flex-wrap:wrap;gap:.3rem 1rem;margin:.6rem 0;padding:0;list-style:none;font-size:.85rem;color:var(--muted)}
        .badge{display:inline-block;font-size:.78rem;font-weight:700;padding:.05em .5em;border-radius:4px;border:1px solid;white-space:nowrap}
        .badge.error{background:var(--fail-bg);color:var(--fail-fg)}
        .badge.warning{background:var(--exer-bg);color:var(--exer-fg)}
        .badge.note{background:var(--note-bg);color:var(--note-fg)}
        .badge.pass{background:var(--pass-bg);color:var(--pass-fg)}
        .toolbar{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;padding:.5rem .7rem;margin:.6rem 0;\
        border:1px solid var(--line);border-radius:8px;background:var(--panel)}
        .toolbar fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.2rem .8rem}
        .toolbar legend{float:left;margin-right:.5rem;color:var(--muted)}
        .toolbar label{white-space:nowrap}
        .toolbar select,.toolbar input[type=search]{font:inherit;max-width:100%;padding:.15rem .3rem}
        .toolbar input[type=search]{flex:1 1 12rem;min-width:0}
        .toolbar output{color:var(--muted);font-variant-numeric:tabular-nums}
        @media (min-width:700px){.toolbar{position:sticky;top:0;z-index:3}}
        details.operation{border:1px solid var(--line);border-radius:8px;margin:.6rem 0;background:var(--bg)}
        details.operation>summary{cursor:pointer;padding:.5rem .7rem;background:var(--panel);border-radius:8px}
        details.operation[open]>summary{border-bottom:1px solid var(--line);border-radius:8px 8px 0 0}
        details.operation>.body{padding:0 .7rem .4rem}
        summary .outcome{color:var(--muted);font-size:.9rem}
        .exchange{border-top:1px solid var(--line);padding:.5rem 0}
        .exchange:first-child{border-top:0}
        .repeated{padding:.5rem 0}
        .times{font-weight:700;font-variant-numeric:tabular-nums;white-space:nowrap}
        .finding .examples{margin:.2rem 0;font-size:.9rem}
        .exchange-label{font-size:.9rem;margin:.2rem 0}
        .findings{list-style:none;margin:0;padding:0}
        .finding{border-left:4px solid var(--line);padding:.3rem 0 .3rem .7rem;margin:.5rem 0}
        .finding[data-severity=error]{border-left-color:var(--fail-fg)}
        .finding[data-severity=warning]{border-left-color:var(--exer-fg)}
        .finding[data-severity=note]{border-left-color:var(--note-fg)}
        .finding .head{margin:0}
        .finding .message{margin:.2rem 0}
        .finding .notes{margin:.2rem 0;padding-left:1.2rem;color:var(--muted)}
        .facts{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.1rem .8rem;margin:.3rem 0;font-size:.9rem}
        .facts dt{color:var(--muted)}
        .facts dd{margin:0}
        .more{font-style:italic;color:var(--muted)}
        .index{overflow-wrap:normal}
        .index tbody td:first-child{font-weight:600;white-space:nowrap}
        .index code{overflow-wrap:normal}
        .index pre{margin:0}
        .files a{white-space:nowrap;margin-right:.6em}
        footer{margin:2rem 0 1rem;color:var(--muted);font-size:.85rem}
        @media (max-width:600px){body{font-size:14px}main{padding:10px}h1{font-size:1.45rem}.matrix tbody th{min-width:8rem}}
        @media print{:root{--bg:#fff;--fg:#000;--muted:#333;--line:#888;--panel:#fff;--code:#fff;--link:#000;--pass-bg:#fff;\
        --pass-fg:#000;--fail-bg:#fff;--fail-fg:#000;--exer-bg:#fff;--exer-fg:#000;--never-fg:#333;--note-bg:#fff;--note-fg:#000}\
        body{font-size:10pt}main{max-width:none;padding:0}.toolbar{display:none!important}.scroll{overflow:visible;border:0}\
        .matrix tbody th{position:static;min-width:12em;max-width:none}thead th{position:static}\
        .matrix{font-size:7.5pt}.matrix thead th{white-space:normal}.matrix .chip{font-size:1em}.chip .n{white-space:normal}\
        a{text-decoration:none}details.operation>summary{list-style:none}.finding,.stat,tr{break-inside:avoid}\
        pre{white-space:pre-wrap;border:1px solid #bbb}}
        """

    /// The filter and print behaviour. Runs in strict mode, touches only elements it checked exist, and attaches
    /// every handler with `addEventListener` (the page's CSP allows inline script but not inline handlers or eval).
    ///
    /// Print opens every `<details>` in `beforeprint`: Chromium does not lay out closed details' contents for
    /// print whatever the stylesheet says.
    static let script = """
        "use strict";
        (() => {
          let openedForPrint = [];
          window.addEventListener("beforeprint", () => {
            openedForPrint = Array.from(document.querySelectorAll("details:not([open])"));
            for (const element of openedForPrint) element.open = true;
          });
          window.addEventListener("afterprint", () => {
            for (const element of openedForPrint) element.open = false;
            openedForPrint = [];
          });

          const openTarget = () => {
            const target = location.hash.length > 1 ? document.getElementById(location.hash.slice(1)) : null;
            if (target instanceof HTMLDetailsElement) target.open = true;
          };
          window.addEventListener("hashchange", openTarget);
          openTarget();

          const toolbar = document.getElementById("filters");
          const findings = Array.from(document.querySelectorAll(".finding"));
          if (toolbar === null || findings.length === 0) return;
          const severities = Array.from(toolbar.querySelectorAll("input[name=severity]"));
          const rule = toolbar.querySelector("select");
          const search = toolbar.querySelector("input[type=search]");
          const count = toolbar.querySelector("output");
          if (rule === null || search === null || count === null) return;
          const groups = Array.from(document.querySelectorAll("[data-group]"));
          // An item of a repeated finding stands for data-count findings.
          const weights = findings.map((finding) => Number(finding.dataset.count || "1"));
          const total = weights.reduce((sum, weight) => sum + weight, 0);

          // What a search matches: the finding's own text and the labels of the exchange and operation around it.
          const haystacks = findings.map((finding) => {
            let text = finding.textContent;
            for (let node = finding.parentElement; node !== null; node = node.parentElement) {
              const label = node.querySelector(":scope > .label");
              if (label !== null) text += " " + label.textContent;
            }
            return text.toLowerCase();
          });

          const apply = () => {
            const wanted = new Set(severities.filter((box) => box.checked).map((box) => box.value));
            const terms = search.value.toLowerCase().split(/\\s+/).filter((term) => term !== "");
            let shown = 0;
            findings.forEach((finding, index) => {
              const visible = wanted.has(finding.dataset.severity)
                && (rule.value === "" || finding.dataset.rule === rule.value)
                && terms.every((term) => haystacks[index].includes(term));
              finding.hidden = !visible;
              if (visible) shown += weights[index];
            });
            for (const group of groups) group.hidden = group.querySelector(".finding:not([hidden])") === null;
            const noun = total === 1 ? "finding" : "findings";
            count.value = shown === total ? `${shown} ${noun}` : `${shown} of ${total} ${noun} shown`;
          };
          toolbar.addEventListener("input", apply);
          toolbar.addEventListener("change", apply);
          toolbar.hidden = false;
          apply();
        })();
        """
}
