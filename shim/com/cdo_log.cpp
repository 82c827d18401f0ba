// The administrator's log of the interceptor's corrections. See cdo.hpp.

#include "cdo.hpp"

#include <array>
#include <cwchar>
#include <string>

namespace profshim::com::cdo {
namespace {

std::wstring escape(const psh_wchar* text, int32_t count) {
    std::wstring out;
    for (int32_t i = 0; i < count; ++i) {
        const wchar_t c = static_cast<wchar_t>(text[i]);
        switch (c) {
        case L'\\': out += L"\\\\"; break;
        case L'\t': out += L"\\t"; break;
        case L'\r': out += L"\\r"; break;
        case L'\n': out += L"\\n"; break;
        default: out += c; break;
        }
    }
    return out;
}

} // namespace

void write_utf8(HANDLE handle, const std::wstring& text) {
    if (handle == nullptr || handle == INVALID_HANDLE_VALUE) return;
    const int bytes = WideCharToMultiByte(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), nullptr, 0,
                                          nullptr, nullptr);
    if (bytes <= 0) return;
    std::string utf8(static_cast<size_t>(bytes), '\0');
    WideCharToMultiByte(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), utf8.data(), bytes, nullptr, nullptr);
    DWORD written = 0;
    WriteFile(handle, utf8.data(), static_cast<DWORD>(utf8.size()), &written, nullptr);
}

void log_line(const std::wstring& path, const psh_wchar* before, int32_t before_count, const psh_wchar* after,
              int32_t after_count, const std::wstring& why) {
    if (path.empty()) return;
    SYSTEMTIME t{};
    GetSystemTime(&t);
    std::array<wchar_t, 32> time{};
    std::swprintf(time.data(), time.size(), L"%04u-%02u-%02uT%02u:%02u:%02uZ", t.wYear, t.wMonth, t.wDay, t.wHour,
                  t.wMinute, t.wSecond);
    std::array<wchar_t, MAX_PATH + 1> exe{};
    GetModuleFileNameW(nullptr, exe.data(), MAX_PATH);
    const wchar_t* name = std::wcsrchr(exe.data(), L'\\');
    name = name != nullptr ? name + 1 : exe.data();
    const std::wstring line = std::wstring(time.data()) + L'\t' + name + L" (" +
                              std::to_wstring(GetCurrentProcessId()) + L")\t" + escape(before, before_count) +
                              L'\t' + escape(after, after_count) + L'\t' + why + L"\r\n";
    // FILE_APPEND_DATA: each line is one write at the end, whoever else appends.
    HANDLE file = CreateFileW(path.c_str(), FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr,
                              OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (file == INVALID_HANDLE_VALUE) return;
    write_utf8(file, line);
    CloseHandle(file);
}

} // namespace profshim::com::cdo
