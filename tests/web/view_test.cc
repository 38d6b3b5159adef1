// A View (web/view.h) is what a page is built as: it must mean what the json of the same
// value means, to the templates (template_test.cc renders every page from both) and to the
// API that answers its to_json().
#include "web/view.h"

#include <gtest/gtest.h>

#include "web/template.h"
#include "web/view_models.h"

namespace koers::web {
namespace {

using nlohmann::json;

TEST(View, GoesToJsonAndBackUnchanged) {
  json j = {{"name", "Zoë"},
            {"count", 27},
            {"score", 12.0},
            {"share", 0.1},
            {"none", nullptr},
            {"yes", true},
            {"list", {1, "a", false}},
            {"empty_list", json::array()},
            {"nested", {{"a", {{"b", -3}}}}}};
  EXPECT_EQ(View::from_json(j).to_json(), j);
  EXPECT_EQ(View::from_json(j).to_json().dump(), j.dump());
}

TEST(View, SettingAFieldAgainReplacesItAndKeepsOneField) {
  View v = View::object();
  v["a"] = 1;
  v["b"] = "x";
  v["a"] = "twee";
  EXPECT_EQ(v.size(), 2u);
  EXPECT_EQ(v.to_json(), (json{{"a", "twee"}, {"b", "x"}}));
  ASSERT_NE(v.find("a"), nullptr);
  EXPECT_EQ(v.find("a")->text(), "twee");
  EXPECT_EQ(v.find("c"), nullptr);
}

TEST(View, NumbersPrintAsTheJsonOfTheSameValue) {
  for (double d : {12.0, 2.5, 0.1, 134.25, -7.0, 1e21, 3.0000000000000004}) {
    std::string out;
    View(d).append_number(out);
    EXPECT_EQ(out, json(d).dump()) << d;
  }
  for (long long i : {0LL, -1LL, 27LL, 9007199254740993LL}) {
    std::string out;
    View(i).append_number(out);
    EXPECT_EQ(out, json(i).dump()) << i;
  }
}

TEST(View, AFieldOfAListOrAnItemOfAnObjectIsAProgrammingError) {
  View list = View::list();
  EXPECT_THROW(list["a"], std::logic_error);
  View object = View::object();
  EXPECT_THROW(object.push_back(1), std::logic_error);
}

TEST(View, RendersLikeItsJsonInSectionsAndEscapes) {
  Template t("{{#pupils}}<li>{{name}} {{score}}{{#open}}!{{/open}}{{^results}}-{{/results}}</li>{{/pupils}}{{title}}",
             {});
  View model = View::object();
  View pupils = View::list();
  for (int i = 0; i < 2; ++i) {
    View p = View::object();
    p["name"] = i ? "Zoë & <b>" : "Daan";
    p["score"] = i ? View(2.5) : View(3);
    p["open"] = i == 1;
    p["results"] = View::list();
    pupils.push_back(std::move(p));
  }
  model["pupils"] = std::move(pupils);
  model["title"] = "Groep 5/6";
  const std::string expected = "<li>Daan 3-</li><li>Zoë &amp; &lt;b&gt; 2.5!-</li>Groep 5/6";
  EXPECT_EQ(t.render_view(model), expected);
  EXPECT_EQ(t.render(model.to_json()), expected);
}

// Data a page hands its script (the groepsplan, an IHP, a meeting) sits in a <script> element:
// no text in it may close that element, and the script must read back the same data.
TEST(ScriptJson, NoTextCanCloseTheScriptItSitsIn) {
  const json data = {{"goal", "</script><script>alert(1)</script>"}, {"note", "a<b, <<c"}, {"plain", "geen"}};
  const std::string s = script_json(data);
  EXPECT_EQ(s.find('<'), std::string::npos) << s;
  EXPECT_EQ(json::parse(s), data);
  const json plain = {{"goal", "Lezen: AVI E4 in januari"}};
  EXPECT_EQ(script_json(plain), plain.dump());
}

}  // namespace
}  // namespace koers::web
