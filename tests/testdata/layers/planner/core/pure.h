#include "planner/io/read/csv.h"
