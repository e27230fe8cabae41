// Internal to emit/: the sinks behind open_sink().
#pragma once

#include <memory>
#include <string>

#include "emit/emit.h"

namespace budgetlens::emit::detail {

SinkResult open_jsonl_sink(const std::string& path);
SinkResult open_csv_sink(const std::string& folder);
SinkResult open_xlsx_sink(const std::string& path, const Options& options);

}  // namespace budgetlens::emit::detail
