#include "mge/model.h"

const char *mge_family_name(mge_family f) {
  switch (f) {
    case MGE_FAMILY_ALLOY: return "alloy";
    case MGE_FAMILY_GLASS: return "glass";
    case MGE_FAMILY_LAMINATE: return "laminate";
    case MGE_FAMILY_POLYMER: return "polymer";
  }
  return "unknown";
}
