#pragma once
// "Download all my data": everything an account owns, as one JSON document.
#include <boost/json/object.hpp>

#include "store/store.hpp"

namespace certhub {

boost::json::object export_json(Store& store, const AccountRow& account);

}  // namespace certhub
