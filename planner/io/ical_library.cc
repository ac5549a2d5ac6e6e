// The planner-ical module: IcalLibrary (ical_library.h) with libical.
#include "planner/io/ical_library.h"

#include <libical/ical.h>

#include <memory>

namespace planner {
namespace {

struct ComponentFree {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
struct PropertyFree {
  void operator()(icalproperty* p) const { icalproperty_free(p); }
};

// A string libical allocated for the caller, copied and freed.
std::string taken(char* text) {
  std::string out{text ? text : ""};
  icalmemory_free_buffer(text);
  return out;
}

std::string text_of(const char* text) { return text ? text : ""; }

IcalTime time_of(const icaltimetype& t) {
  return {t.year,
          t.month,
          t.day,
          t.hour,
          t.minute,
          t.second,
          t.is_date != 0,
          icaltime_is_utc(t) != 0,
          icaltime_is_null_time(t) != 0};
}

class Library final : public IcalLibrary {
 public:
  std::optional<std::string> duration(const std::string& text) const override {
    const icaldurationtype d = icaldurationtype_from_string(text.c_str());
    if (icaldurationtype_is_bad_duration(d)) return std::nullopt;
    return taken(icaldurationtype_as_ical_string_r(d));
  }

  std::string calendar(const std::string& prodid, const std::string& name) const override {
    const std::unique_ptr<icalcomponent, ComponentFree> cal{
        icalcomponent_vanew(ICAL_VCALENDAR_COMPONENT, icalproperty_new_version("2.0"),
                            icalproperty_new_prodid(prodid.c_str()), icalproperty_new_calscale("GREGORIAN"), nullptr)};
    icalproperty* calname = icalproperty_new_x(name.c_str());
    icalproperty_set_x_name(calname, "X-WR-CALNAME");
    icalcomponent_add_property(cal.get(), calname);
    return taken(icalcomponent_as_ical_string_r(cal.get()));  // folded at 75 octets, CRLF line ends
  }

  IcalProperty property(const std::string& line) const override {
    const std::unique_ptr<icalproperty, PropertyFree> p{icalproperty_new_from_string(line.c_str())};
    IcalProperty out;
    if (!p) return out;
    out.read = true;
    switch (icalproperty_isa(p.get())) {
      case ICAL_UID_PROPERTY: out.text = text_of(icalproperty_get_uid(p.get())); break;
      case ICAL_SUMMARY_PROPERTY: out.text = text_of(icalproperty_get_summary(p.get())); break;
      case ICAL_DESCRIPTION_PROPERTY: out.text = text_of(icalproperty_get_description(p.get())); break;
      case ICAL_LOCATION_PROPERTY: out.text = text_of(icalproperty_get_location(p.get())); break;
      case ICAL_STATUS_PROPERTY: out.text = text_of(icalproperty_get_value_as_string(p.get())); break;
      case ICAL_DTSTAMP_PROPERTY: out.time = time_of(icalproperty_get_dtstamp(p.get())); break;
      case ICAL_DTSTART_PROPERTY: out.time = time_of(icalproperty_get_dtstart(p.get())); break;
      case ICAL_DTEND_PROPERTY: out.time = time_of(icalproperty_get_dtend(p.get())); break;
      case ICAL_TRIGGER_PROPERTY: {
        const icaltriggertype t = icalproperty_get_trigger(p.get());
        out.time = time_of(t.time);
        if (!icaldurationtype_is_bad_duration(t.duration))
          out.duration = taken(icaldurationtype_as_ical_string_r(t.duration));
        break;
      }
      default: break;
    }
    if (const icalparameter* tzid = icalproperty_get_first_parameter(p.get(), ICAL_TZID_PARAMETER))
      out.tzid = text_of(icalparameter_get_tzid(tzid));
    return out;
  }
};

}  // namespace
}  // namespace planner

extern "C" const planner::IcalLibrary* planner_ical_library() {
  static const planner::Library library;
  return &library;
}
