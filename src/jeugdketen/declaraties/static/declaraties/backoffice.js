// Checks a registration against its toewijzing while the provider types (no data is stored).
(function () {
  "use strict";
  var form = document.getElementById("registratie");
  if (!form) return;
  var out = document.getElementById("controle");
  var timer = null;
  var asked = 0; // only the answer to the latest question is shown (answers may cross)
  var last = null; // the latest question: leaving a field unchanged does not ask it again
  var sent = false; // once the form is sent, nothing more is asked
  function field(name) { return form.querySelector("[name='" + name + "']"); }
  function show(result) {
    out.textContent = "";
    if (!result.complete) {
      if (result.findings.length) out.textContent = result.findings.join(" ");
      return;
    }
    var list = document.createElement("ul");
    if (result.findings.length === 0) {
      var ok = document.createElement("li");
      ok.textContent = "Past binnen de toewijzing (eenheid " + result.unit + ", tarief € " +
        result.tariff.replace(".", ",") + ", bedrag € " + result.amount.replace(".", ",") + ").";
      list.appendChild(ok);
      out.dataset.state = "ok";
    } else {
      result.findings.forEach(function (text) {
        var item = document.createElement("li");
        item.textContent = text;
        list.appendChild(item);
      });
      out.dataset.state = "fout";
    }
    out.appendChild(list);
  }
  function check() {
    var query = new URLSearchParams({
      toewijzing: field("toewijzing").value, begin: field("begin").value,
      end: field("end").value, volume: field("volume").value
    });
    if (sent || query.toString() === last) return;
    last = query.toString();
    var mine = ++asked;
    fetch(form.dataset.check + "?" + query.toString(), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (result) { if (mine === asked) show(result); })
      .catch(function () { last = null; if (mine === asked) out.textContent = ""; });
  }
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(check, 250);
  });
  form.addEventListener("change", function () {
    clearTimeout(timer);
    timer = setTimeout(check, 50);
  });
  form.addEventListener("submit", function () {
    sent = true;
    clearTimeout(timer);
  });
})();
