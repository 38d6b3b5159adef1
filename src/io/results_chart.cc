#include "io/results_chart.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "domain/test_scale.h"

namespace koers::io {

using domain::LevelCutoffs;
using domain::StandardisedResult;

namespace {

// Geometry of one subject's chart, in viewBox units.
constexpr double kWidth = 640, kHeight = 250;
constexpr double kLeft = 52, kRight = 624, kTop = 30, kBottom = 196;
constexpr double kInset = 24;  // keeps the first and last dot off the plot's edges

// Rank 1 (I) … 5 (V), the colours teachers know from the LVS reports.
constexpr const char* kBandColour[5] = {"#1b7f3b", "#7cc47f", "#e8e8e8", "#f5a623", "#d0021b"};
constexpr const char* kRoman[5] = {"I", "II", "III", "IV", "V"};

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string num(double v) { return fmt::format("{:.1f}", v); }

// A round grid step (1, 2 or 5 × 10^k) giving four to ten lines over the span.
double grid_step(double span) {
  double raw = span / 5, power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0})
    if (m * power >= raw) return m * power;
  return 10 * power;
}

struct Subject {
  std::string name;
  std::vector<const StandardisedResult*> results;  // with a score, in career order
};

std::string subject_chart(const Subject& s, const std::vector<LevelCutoffs>& all_cutoffs) {
  // The moments on the x axis, each with the school's cut-offs if it has them.
  std::vector<domain::TestMoment> moments;
  for (const auto* r : s.results)
    if (moments.empty() || !(moments.back() == r->moment)) moments.push_back(r->moment);
  std::vector<const LevelCutoffs*> cuts;
  for (const auto& m : moments) cuts.push_back(domain::find_cutoffs(all_cutoffs, s.name, m));

  // The y range holds every score and every bound shown, so all five bands are visible.
  double lo = *s.results.front()->ability_score, hi = lo;
  for (const auto* r : s.results) lo = std::min(lo, *r->ability_score), hi = std::max(hi, *r->ability_score);
  for (const auto* c : cuts)
    if (c) lo = std::min(lo, c->lower_bounds.front()), hi = std::max(hi, c->lower_bounds.back());
  if (hi - lo < 1) lo -= 5, hi += 5;
  double pad = (hi - lo) * 0.1;
  lo -= pad, hi += pad;
  auto y = [&](double v) { return kBottom - (v - lo) / (hi - lo) * (kBottom - kTop); };

  int first = moments.front().position(), last = moments.back().position();
  auto x = [&](const domain::TestMoment& m) {
    if (first == last) return (kLeft + kRight) / 2;
    return kLeft + kInset + (m.position() - first) * (kRight - kLeft - 2 * kInset) / (last - first);
  };

  std::string title = escape(s.name) + " — vaardigheidsscore";
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"results-chart-subject\" viewBox=\"0 0 {} {}\" "
      "font-family=\"sans-serif\" role=\"img\" aria-label=\"{}\"><title>{}</title>\n",
      kWidth, kHeight, title, title);
  out += fmt::format("<text x=\"{}\" y=\"18\" font-size=\"14\" font-weight=\"bold\">{}</text>\n", kLeft, title);

  // Bands first, so the line is drawn over them. Each moment's column reaches half-way to
  // its neighbours; a moment without cut-offs leaves its column empty.
  bool any_band = false;
  for (size_t i = 0; i < moments.size(); ++i) {
    if (!cuts[i]) continue;
    any_band = true;
    double left = i == 0 ? kLeft : (x(moments[i - 1]) + x(moments[i])) / 2;
    double right = i + 1 == moments.size() ? kRight : (x(moments[i]) + x(moments[i + 1])) / 2;
    const auto& b = cuts[i]->lower_bounds;
    // From V (below IV's bound) up to I (above I's bound).
    double edges[6] = {kBottom, y(b[0]), y(b[1]), y(b[2]), y(b[3]), kTop};
    for (int level = 0; level < 5; ++level) {
      int rank = 5 - level;
      out += fmt::format(
          "<rect class=\"band band-{}\" data-moment=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
          "fill=\"{}\" fill-opacity=\"0.3\"><title>{} niveau {}</title></rect>\n",
          rank, moments[i].label(), num(left), num(edges[level + 1]), num(right - left),
          num(edges[level] - edges[level + 1]), kBandColour[rank - 1], moments[i].label(), kRoman[rank - 1]);
    }
  }

  // Grid and axes.
  double step = grid_step(hi - lo);
  for (double v = std::ceil(lo / step) * step; v <= hi; v += step)
    out += fmt::format(
        "<line x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\" stroke=\"#999\" stroke-width=\"0.5\"/>"
        "<text x=\"{3}\" y=\"{4}\" font-size=\"11\" text-anchor=\"end\">{5}</text>\n",
        kLeft, kRight, num(y(v)), kLeft - 6, num(y(v) + 4), domain::dutch_decimal(v));
  out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#666\"/>\n", kLeft,
                     kTop, kRight - kLeft, kBottom - kTop);
  for (const auto& m : moments)
    out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{}</text>\n", num(x(m)),
                       kBottom + 16, m.label());

  // The pupil's scores: one line, a dot per result with its value and level on hover.
  std::string points;
  for (const auto* r : s.results)
    points += (points.empty() ? "" : " ") + num(x(r->moment)) + "," + num(y(*r->ability_score));
  out += fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"2\"/>\n", points);
  for (const auto* r : s.results) {
    // The level the test reported wins; otherwise the one the school's cut-offs give.
    std::string level;
    if (r->level)
      level = r->level->label();
    else if (const auto* c = domain::find_cutoffs(all_cutoffs, s.name, r->moment))
      level = kRoman[domain::level_rank_of_score(*c, *r->ability_score) - 1];
    std::string tip = r->moment.label() + ": " + domain::dutch_decimal(*r->ability_score);
    if (!level.empty()) tip += " (niveau " + level + ")";
    out += fmt::format("<circle class=\"score\" cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"#1f4e79\"><title>{}</title></circle>\n",
                       num(x(r->moment)), num(y(*r->ability_score)), escape(tip));
  }

  if (any_band) {
    double lx = kRight - 5 * 52;
    out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">Niveau:</text>\n", lx - 6,
                       kBottom + 44);
    for (int rank = 1; rank <= 5; ++rank, lx += 52)
      out += fmt::format(
          "<rect class=\"legend\" x=\"{}\" y=\"{}\" width=\"14\" height=\"12\" fill=\"{}\" fill-opacity=\"0.6\"/>"
          "<text x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>\n",
          lx, kBottom + 34, kBandColour[rank - 1], lx + 18, kBottom + 44, kRoman[rank - 1]);
  }
  return out + "</svg>\n";
}

}  // namespace

std::string results_chart_svg(const std::vector<StandardisedResult>& results_in_order,
                              const std::vector<LevelCutoffs>& cutoffs) {
  std::vector<Subject> subjects;
  for (const auto& r : results_in_order) {
    if (!r.ability_score) continue;
    auto it = std::find_if(subjects.begin(), subjects.end(), [&](const Subject& s) { return s.name == r.subject; });
    if (it == subjects.end()) it = subjects.insert(subjects.end(), Subject{r.subject, {}});
    it->results.push_back(&r);
  }
  if (subjects.empty()) return "";
  std::string out = "<div class=\"results-chart\">\n";
  for (auto& s : subjects) {
    // Stable: the caller's order stays for results of the same moment.
    std::stable_sort(s.results.begin(), s.results.end(),
                     [](const auto* a, const auto* b) { return a->moment.position() < b->moment.position(); });
    out += subject_chart(s, cutoffs);
  }
  return out + "</div>\n";
}

}  // namespace koers::io
