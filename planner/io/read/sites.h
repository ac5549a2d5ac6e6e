// Reading a sites file (TOML): each site's name, time zone, closed weekdays, holidays and capacity.
//
//   format = 1
//   [[site]]
//   id = "KR01"
//   name = "Ajou University Hospital, Suwon"
//   time_zone = "Asia/Seoul"                      # IANA name, checked against the tz database
//   closed = ["sat", "sun"]
//   holidays = ["2026-03-02"]                      # and/or
//   holiday_files = ["holidays-kr-2026.txt"]       # relative to the sites file
//   capacity = 6                                   # most visits per day; omit for no limit
//
// Errors name file:line:col (InputError); holiday files are read with the same rules as --holidays.
#pragma once

#include <string>
#include <vector>

#include "planner/core/site.h"

namespace planner {

std::vector<Site> parse_sites(const std::string& text, const std::string& name);
std::vector<Site> load_sites(const std::string& path);

}  // namespace planner
