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
//   capacity_minutes = 480                         # most minutes of visits per day (visits with a duration)
//   hours = "08:00-17:00"                          # opening hours (lint: visits that do not fit)
//   visit_time = "09:00"                           # the appointment time of visits without their own
//   activation = "2026-02-01"                      # planner forecast: the first day it enrols
//   rate = 0.5                                     #   subjects a week (mean), > 0
//   rate_cv = 0.5                                  #   its uncertainty (coefficient of variation; 0: exact)
//   # or alpha = 4, beta = 8                       #   the rate a week is Gamma(shape alpha, rate beta)
//
// Errors name file:line:col (InputError); holiday files are read with the same rules as --holidays.
#pragma once

#include <string>
#include <vector>

#include "planner/core/site.h"

namespace planner {

// IANA time zone names, as the tz database (Hinnant's date/tz.h) knows them: whether `name` is one, and the one
// nearest to a misspelt name, at most two edits away ("Europe/Berlin" for "Europe/Berlim"; "" when none is).
bool is_time_zone(const std::string& name);
std::string closest_time_zone(const std::string& name);

std::vector<Site> parse_sites(const std::string& text, const std::string& name);
std::vector<Site> load_sites(const std::string& path);

}  // namespace planner
