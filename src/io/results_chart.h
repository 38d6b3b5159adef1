// A pupil's ability scores (vaardigheidsscores) as a chart the server draws: SVG only, no
// JavaScript, a fixed viewBox so it prints as it shows.
//
// One small chart per subject, stacked in <div class="results-chart">: test moments left to
// right in career order (spaced by their distance in half-years), the scores as a line with
// dots, and behind them, at each moment for which the school entered cut-offs, the five
// level bands (I dark green … V red). No cut-offs, no bands: Koers never invents norms.
#pragma once

#include <string>
#include <vector>

#include "domain/level_cutoffs.h"
#include "domain/signalling.h"

namespace koers::io {

// Results without an ability score are skipped; a subject without any gets no chart.
// Empty string when there is nothing to draw. Subjects appear in order of first result.
std::string results_chart_svg(const std::vector<domain::StandardisedResult>& results_in_order,
                              const std::vector<domain::LevelCutoffs>& cutoffs);

}  // namespace koers::io
