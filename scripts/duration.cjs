// How long a step took, as people read it in a terminal: "8.8 s", "5 min 12 s".
'use strict';

function formatDuration(milliseconds) {
  const seconds = milliseconds / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

module.exports = { formatDuration };
