// Draws the partner-city map from the JSON the page carries. Circle markers are drawn as
// SVG, so they show even when the tile server cannot be reached; the list stays the
// accessible alternative.
(function () {
  var element = document.getElementById("city-map");
  var data = document.getElementById("city-map-data");
  if (!element || !data || typeof L === "undefined") { return; }
  var cities = JSON.parse(data.textContent);
  var map = L.map(element, { scrollWheelZoom: false }).setView([25, 150], 2);
  L.tileLayer(element.dataset.tileUrl, { attribution: element.dataset.attribution, maxZoom: 12 }).addTo(map);
  cities.forEach(function (city) {
    var link = document.createElement("a");
    link.href = city.url;
    link.textContent = city.name;
    var popup = document.createElement("div");
    popup.appendChild(link);
    popup.appendChild(document.createTextNode(" · " + city.country + " · " + city.relationship));
    L.circleMarker([city.lat, city.lng], { radius: 7, className: "city-marker" })
      .bindPopup(popup).bindTooltip(city.name).addTo(map);
  });
})();
