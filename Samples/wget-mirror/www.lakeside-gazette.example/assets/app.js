// Opens the menu and loads the weather box.
(function () {
  "use strict";
  var menu = document.querySelector("nav");
  function toggle() { menu.classList.toggle("open"); }
  document.addEventListener("DOMContentLoaded", function () {
    menu.addEventListener("click", toggle);
    fetch("/api/data.json").then(function (r) { return r.json(); }).then(function (d) {
      document.getElementById("weather").textContent = d.weather.summary;
    });
  });
})();
