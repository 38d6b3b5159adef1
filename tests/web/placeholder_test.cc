#include <gtest/gtest.h>
TEST(Placeholder, HttpTestsFollow) { SUCCEED(); }
