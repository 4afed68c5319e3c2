// The signature pad: draws with a finger, a pen or a mouse (pointer events), or from a typed name
// for those who cannot draw; on submit the drawing goes into the form as a PNG data URI.
(function () {
  "use strict";
  var canvas = document.getElementById("signature-pad");
  var form = document.getElementById("sign-form");
  if (!canvas || !form) { return; }
  var context = canvas.getContext("2d");
  var drawing = false;
  var drawn = false;
  var typed = document.getElementById("typed-name");

  function reset() {
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.strokeStyle = "#0a0a40";
    context.lineWidth = 3.5;
    context.lineCap = "round";
    context.lineJoin = "round";
    drawn = false;
  }

  function point(event) {
    var box = canvas.getBoundingClientRect();
    return { x: (event.clientX - box.left) * canvas.width / box.width, y: (event.clientY - box.top) * canvas.height / box.height };
  }

  canvas.addEventListener("pointerdown", function (event) {
    event.preventDefault();
    canvas.setPointerCapture(event.pointerId);
    var p = point(event);
    drawing = true;
    context.beginPath();
    context.moveTo(p.x, p.y);
    context.lineTo(p.x + 0.1, p.y + 0.1);
    context.stroke();
    drawn = true;
  });
  canvas.addEventListener("pointermove", function (event) {
    if (!drawing) { return; }
    var p = point(event);
    context.lineTo(p.x, p.y);
    context.stroke();
  });
  ["pointerup", "pointercancel", "pointerleave"].forEach(function (name) {
    canvas.addEventListener(name, function () { drawing = false; });
  });

  if (typed) {
    typed.addEventListener("input", function () {
      reset();
      var name = typed.value.trim();
      if (name) {
        context.fillStyle = "#0a0a40";
        context.font = "italic 72px serif";
        context.textBaseline = "middle";
        context.fillText(name, 40, canvas.height / 2, canvas.width - 80);
        drawn = true;
      }
    });
  }

  document.getElementById("signature-clear").addEventListener("click", function () {
    reset();
    if (typed) { typed.value = ""; }
  });

  form.addEventListener("submit", function (event) {
    if (!drawn) {
      event.preventDefault();
      canvas.focus();
      return;
    }
    document.getElementById("signature-image").value = canvas.toDataURL("image/png");
  });

  reset();
}());
