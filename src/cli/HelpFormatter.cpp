#include "cli/HelpFormatter.h"

namespace fxrack::cli {

std::string HelpFormatter::make_help(const CLI::App* app, std::string, CLI::AppFormatMode) const
{
    std::string out = m_usage;
    if (!m_about.empty())
        out += "\n" + m_about;
    for (const std::string& group : app->get_groups()) {
        if (group.empty())
            continue; // hidden (--help itself)
        const auto options = app->get_options(
            [&](const CLI::Option* o) { return o->get_group() == group && o->nonpositional(); });
        if (options.empty())
            continue;
        out += "\n" + group + ":\n";
        for (const CLI::Option* o : options)
            out += make_option(o, false);
    }
    if (!app->get_footer().empty())
        out += "\n" + app->get_footer() + "\n";
    return out;
}

std::string HelpFormatter::make_option(const CLI::Option* opt, bool) const
{
    std::string lead = "  " + opt->get_name(false, true);
    if (opt->get_type_size() != 0 && !opt->get_type_name().empty())
        lead += " " + opt->get_type_name();
    const auto width = static_cast<size_t>(kColumn);
    lead += lead.size() < width ? std::string(width - lead.size(), ' ') : std::string(2, ' ');
    std::string text = lead;
    for (char c : opt->get_description()) {
        text += c;
        if (c == '\n')
            text += std::string(width, ' ');
    }
    return text + "\n";
}

} // namespace fxrack::cli
