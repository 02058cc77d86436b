<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CalibrateDialog</name>
    <message>
        <source>Calibrate the estimate</source>
        <translation>校准估算</translation>
    </message>
    <message>
        <source>Open the &lt;a href=&quot;{url}&quot;&gt;Coding Plan console&lt;/a&gt; and enter what it shows now, for any of the windows: leave the others empty. The estimate carries on from each reading.</source>
        <translation>打开 &lt;a href=&quot;{url}&quot;&gt;Coding Plan 控制台&lt;/a&gt;，填入它现在显示的数值，哪个窗口都可以，其余留空。估算会从每个读数接着计算。</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>已用</translation>
    </message>
    <message>
        <source>Of a total of</source>
        <translation>总量</translation>
    </message>
    <message>
        <source>Estimated now</source>
        <translation>当前估算</translation>
    </message>
    <message>
        <source>not entered</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source>plan&apos;s ({limit})</source>
        <translation>套餐的（{limit}）</translation>
    </message>
    <message>
        <source>{used} used</source>
        <translation>已用 {used}</translation>
    </message>
    <message>
        <source>Enter the used number of at least one window, or cancel.</source>
        <translation>请至少填写一个窗口的已用数，或者取消。</translation>
    </message>
</context>
<context>
    <name>ChangeSummary</name>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>密钥：</translation>
    </message>
    <message>
        <source>Files:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Revert puts them back as they were (a file that exists is backed up first).</source>
        <translation>“还原”会把它们恢复原样（已有的文件会先备份）。</translation>
    </message>
    <message>
        <source>From the system keyring: {tool} asks this app for it each time it starts. No copy is kept in any file.</source>
        <translation>来自系统密钥库：{tool} 每次启动时向本应用获取密钥。任何文件中都不保存副本。</translation>
    </message>
    <message>
        <source>A copy is written into {files}, which only you can read (mode 0600).</source>
        <translation>副本写入 {files}，只有您可以读取（权限 0600）。</translation>
    </message>
    <message>
        <source>Kept in {tool}&apos;s settings file, as it is now.</source>
        <translation>保留在 {tool} 的设置文件中，保持现状。</translation>
    </message>
    <message>
        <source>{file} (created)</source>
        <translation>{file}（新建）</translation>
    </message>
    <message>
        <source>{file} (removed)</source>
        <translation>{file}（删除）</translation>
    </message>
    <message>
        <source>{file} (changed)</source>
        <translation>{file}（修改）</translation>
    </message>
</context>
<context>
    <name>ConnectionPage</name>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Check that this computer reaches the plan. You can skip this step.</source>
        <translation>检查本机能否连接到 Coding Plan 服务。您可以跳过此步骤。</translation>
    </message>
</context>
<context>
    <name>ConnectionTestDialog</name>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
</context>
<context>
    <name>ConnectionTestWidget</name>
    <message>
        <source>First a free check that the plan&apos;s address can be reached: no request goes to the model and nothing counts against your quota.</source>
        <translation>首先免费检查能否访问套餐地址：不会向模型发送请求，也不会消耗额度。</translation>
    </message>
    <message>
        <source>&amp;Check again (free)</source>
        <translation>重新检查（免费）(&amp;C)</translation>
    </message>
    <message>
        <source>OpenAI-compatible address</source>
        <translation>OpenAI 兼容地址</translation>
    </message>
    <message>
        <source>Anthropic-compatible address</source>
        <translation>Anthropic 兼容地址</translation>
    </message>
    <message>
        <source>Both addresses</source>
        <translation>两个地址</translation>
    </message>
    <message>
        <source>&amp;Test:</source>
        <translation>测试(&amp;T)：</translation>
    </message>
    <message>
        <source>Test request</source>
        <translation>测试请求</translation>
    </message>
    <message>
        <source>A test request asks the model for a one-word answer using the stored key. Each request counts against your plan&apos;s quota, like any request from a tool.</source>
        <translation>测试请求会使用已保存的密钥，让模型用一个词作答。与工具发出的请求一样，每次请求都会计入套餐额度。</translation>
    </message>
    <message>
        <source>Address: {origin}</source>
        <translation>地址：{origin}</translation>
    </message>
    <message>
        <source>&amp;Send test request (uses 1 request)</source>
        <translation>发送测试请求（消耗 1 次请求）(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Send test requests (uses 2 requests)</source>
        <translation>发送测试请求（消耗 2 次请求）(&amp;S)</translation>
    </message>
    <message>
        <source>Checking {host}…</source>
        <translation>正在检查 {host}…</translation>
    </message>
    <message>
        <source>Reachable</source>
        <translation>可访问</translation>
    </message>
    <message>
        <source>The secure connection to {host} failed.</source>
        <translation>与 {host} 的安全连接失败。</translation>
    </message>
    <message>
        <source>The proxy {proxy} did not pass the request on.</source>
        <translation>代理 {proxy} 未转发该请求。</translation>
    </message>
    <message>
        <source>Name lookup (DNS)</source>
        <translation>域名解析（DNS）</translation>
    </message>
    <message>
        <source>Connection (TCP)</source>
        <translation>建立连接（TCP）</translation>
    </message>
    <message>
        <source>Secure connection (TLS)</source>
        <translation>安全连接（TLS）</translation>
    </message>
    <message>
        <source>Through the proxy</source>
        <translation>通过代理</translation>
    </message>
    <message>
        <source>{mark} {step}: {detail} ({ms} ms)</source>
        <translation>{mark} {step}：{detail}（{ms} ms）</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Sending the test request…</source>
        <translation>正在发送测试请求…</translation>
    </message>
    <message>
        <source>{protocol}: {category}</source>
        <translation>{protocol}：{category}</translation>
    </message>
    <message>
        <source>Sent as {tool}: the plan answers coding tools only.</source>
        <translation>以 {tool} 的身份发送：套餐只响应编程工具的请求。</translation>
    </message>
    <message>
        <source>OpenAI-compatible</source>
        <translation>OpenAI 兼容</translation>
    </message>
    <message>
        <source>Anthropic-compatible</source>
        <translation>Anthropic 兼容</translation>
    </message>
    <message>
        <source>The check could not run</source>
        <translation>无法执行检查</translation>
    </message>
    <message>
        <source>The test request was not sent</source>
        <translation>测试请求未发送</translation>
    </message>
</context>
<context>
    <name>ConsoleFaultView</name>
    <message>
        <source>The policy, for the RAM console&apos;s JSON editor:</source>
        <translation>策略（粘贴到 RAM 控制台的 JSON 编辑器）：</translation>
    </message>
    <message>
        <source>Something this app did not expect got in the way. Details shows what the system said.</source>
        <translation>出现了本应用未预料到的问题。“详细信息”中显示了系统的原话。</translation>
    </message>
</context>
<context>
    <name>ConsoleLoginDialog</name>
    <message>
        <source>Log in to the plan&apos;s console</source>
        <translation>登录套餐控制台</translation>
    </message>
</context>
<context>
    <name>ConsoleLoginWidget</name>
    <message>
        <source>With an AccessKey, the app reads the counters the plan&apos;s console shows, so the cards show the plan&apos;s own figures instead of an estimate. Reading them spends no plan quota. This step is optional.</source>
        <translation>有了 AccessKey，本应用可以读取套餐控制台显示的计数，卡片上显示的就是套餐自己的数字，而不是估算。读取不消耗套餐额度。此步骤可选。</translation>
    </message>
    <message>
        <source>Only for a temporary (STS) AccessKey</source>
        <translation>仅用于临时（STS）AccessKey</translation>
    </message>
    <message>
        <source>As the plan&apos;s region says</source>
        <translation>按套餐的地域</translation>
    </message>
    <message>
        <source>International (alibabacloud.com)</source>
        <translation>国际站（alibabacloud.com）</translation>
    </message>
    <message>
        <source>China (aliyun.com)</source>
        <translation>中国站（aliyun.com）</translation>
    </message>
    <message>
        <source>AccessKey &amp;ID:</source>
        <translation>AccessKey ID(&amp;I)：</translation>
    </message>
    <message>
        <source>AccessKey &amp;secret:</source>
        <translation>AccessKey Secret(&amp;S)：</translation>
    </message>
    <message>
        <source>STS &amp;token (optional):</source>
        <translation>STS Token（可选）(&amp;T)：</translation>
    </message>
    <message>
        <source>Account&apos;s si&amp;te:</source>
        <translation>账号所在站点(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Log in and read</source>
        <translation>登录并读取(&amp;L)</translation>
    </message>
    <message>
        <source>The AccessKey</source>
        <translation>AccessKey</translation>
    </message>
    <message>
        <source>A second way in: the bl command&apos;s login</source>
        <translation>另一种方式：bl 命令的登录</translation>
    </message>
    <message>
        <source>Use &amp;bl&apos;s login</source>
        <translation>使用 bl 的登录(&amp;B)</translation>
    </message>
    <message>
        <source>An AccessKey that can only read the figures</source>
        <translation>只能读取数字的 AccessKey</translation>
    </message>
    <message>
        <source>1. In the RAM console, create a user for this app, with OpenAPI access.
2. Create a policy from the JSON below (in the JSON editor: the visual editor does not list this permission) and attach it to the user.
3. Create an AccessKey for the user and enter its ID and secret above.
Avoid your main account&apos;s AccessKey: it can do everything on your account.</source>
        <translation>1. 在 RAM 控制台为本应用创建一个用户，开启 OpenAPI 调用访问。
2. 用下面的 JSON 创建一条策略（在 JSON 编辑器中：可视化编辑器里没有这项权限），并授权给该用户。
3. 为该用户创建 AccessKey，在上方填入其 ID 和 Secret。
请不要使用主账号的 AccessKey：它可以操作您账号里的一切。</translation>
    </message>
    <message>
        <source>Open the &amp;RAM console</source>
        <translation>打开 RAM 控制台(&amp;R)</translation>
    </message>
    <message>
        <source>Enter both the AccessKey ID and its secret</source>
        <translation>请同时填写 AccessKey ID 和 Secret</translation>
    </message>
    <message>
        <source>Or empty both fields to go on without the plan&apos;s own figures.</source>
        <translation>或者清空这两个字段，不使用套餐自己的数字继续。</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>Logging in to the plan&apos;s console…</source>
        <translation>正在登录套餐控制台…</translation>
    </message>
    <message>
        <source>Not logged in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <source>Logged in: {who}</source>
        <translation>已登录：{who}</translation>
    </message>
    <message>
        <source>The cards now show the plan&apos;s own figures, read again every 5 minutes while the app runs.</source>
        <translation>卡片现在显示套餐自己的数字；应用运行期间每 5 分钟重新读取一次。</translation>
    </message>
    <message>
        <source>Logged in, but the figures could not be read</source>
        <translation>已登录，但无法读取数字</translation>
    </message>
    <message>
        <source>Alibaba&apos;s bl command is logged in on this computer ({path}). The app can use that login instead of an AccessKey: it only reads it, never copies it. When bl&apos;s login expires, log in with bl again.</source>
        <translation>阿里云的 bl 命令已在本机登录（{path}）。本应用可以改用这个登录，无需 AccessKey：它只读取，从不复制。bl 的登录过期后，请用 bl 重新登录。</translation>
    </message>
    <message>
        <source>Reading the plan&apos;s console with bl&apos;s login…</source>
        <translation>正在用 bl 的登录读取套餐控制台…</translation>
    </message>
</context>
<context>
    <name>ConsolePage</name>
    <message>
        <source>See the plan&apos;s own figures</source>
        <translation>查看套餐自己的数字</translation>
    </message>
    <message>
        <source>Optional: show the plan&apos;s own counters. Press Skip to go on without them; the Key tab offers this later too.</source>
        <translation>可选：显示套餐自己的计数。点击“跳过”可不登录继续；以后也可在“密钥”标签页登录。</translation>
    </message>
    <message>
        <source>&amp;Skip</source>
        <translation>跳过(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>下一步(&amp;N) &gt;</translation>
    </message>
</context>
<context>
    <name>ConsoleSection</name>
    <message>
        <source>The plan&apos;s own figures</source>
        <translation>套餐自己的数字</translation>
    </message>
    <message>
        <source>&amp;Log in…</source>
        <translation>登录(&amp;L)…</translation>
    </message>
    <message>
        <source>Read &amp;now</source>
        <translation>立即读取(&amp;N)</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <source>While logged in, the app reads the counters the plan&apos;s console shows when it opens, every 5 minutes, on Refresh and after a &apos;quota exceeded&apos; answer. Reading them spends no plan quota. The AccessKey is kept in the system keyring.</source>
        <translation>登录后，本应用会在启动时、每 5 分钟、点击“刷新”时以及收到“额度超限”回复后读取套餐控制台的计数。读取不消耗套餐额度。AccessKey 保存在系统密钥库中。</translation>
    </message>
    <message>
        <source>Looking for a login…</source>
        <translation>正在查找登录…</translation>
    </message>
    <message>
        <source>Logged in with {who}.</source>
        <translation>已用 {who} 登录。</translation>
    </message>
    <message>
        <source>Not logged in: the cards show figures estimated from the tools&apos; records.</source>
        <translation>未登录：卡片显示的是根据工具记录估算的数字。</translation>
    </message>
    <message>
        <source>reading now…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>The last read of the plan&apos;s console failed</source>
        <translation>上次读取套餐控制台失败</translation>
    </message>
    <message>
        <source>&amp;Log in again…</source>
        <translation>重新登录(&amp;L)…</translation>
    </message>
    <message>
        <source>Log out of the plan&apos;s console?</source>
        <translation>退出套餐控制台的登录？</translation>
    </message>
    <message>
        <source>The AccessKey is deleted from the keyring and the cards go back to the estimate. To log in again you need the AccessKey&apos;s secret.</source>
        <translation>AccessKey 将从密钥库中删除，卡片恢复为估算。要重新登录，需要 AccessKey 的 Secret。</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>The app no longer uses the bl command&apos;s login.</source>
        <translation>本应用不再使用 bl 命令的登录。</translation>
    </message>
    <message>
        <source>The AccessKey was deleted from the keyring.</source>
        <translation>AccessKey 已从密钥库中删除。</translation>
    </message>
    <message>
        <source>No AccessKey was stored.</source>
        <translation>没有保存 AccessKey。</translation>
    </message>
    <message>
        <source>Logged out</source>
        <translation>已退出登录</translation>
    </message>
    <message>
        <source>Not logged out</source>
        <translation>未能退出登录</translation>
    </message>
</context>
<context>
    <name>CrashHandler</name>
    <message>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <source>Coding Plan Configurator hit an unexpected error. Your settings and tool files were not changed by it. The details are in the log:
{path}</source>
        <translation>Coding Plan Configurator 遇到了意外错误。此错误未改动您的设置和工具文件。详细信息见日志：
{path}</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>&amp;Quota</source>
        <translation>额度(&amp;Q)</translation>
    </message>
    <message>
        <source>T&amp;ools</source>
        <translation>工具(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Key</source>
        <translation>密钥(&amp;K)</translation>
    </message>
    <message>
        <source>S&amp;ettings</source>
        <translation>设置(&amp;E)</translation>
    </message>
    <message>
        <source>Pre&amp;ferences</source>
        <translation>偏好设置(&amp;F)</translation>
    </message>
    <message>
        <source>Lo&amp;g</source>
        <translation>日志(&amp;G)</translation>
    </message>
</context>
<context>
    <name>FinishPage</name>
    <message>
        <source>Ready</source>
        <translation>准备就绪</translation>
    </message>
    <message>
        <source>Press Finish to save your choices.</source>
        <translation>点击“完成”保存您的选择。</translation>
    </message>
    <message>
        <source>&amp;Start {app} when I log in (in the tray, without a window)</source>
        <translation>登录时启动 {app}（在托盘中运行，不打开窗口）(&amp;S)</translation>
    </message>
    <message>
        <source>You can run this setup again at any time from the dashboard.</source>
        <translation>您可以随时从仪表盘重新运行此设置向导。</translation>
    </message>
    <message>
        <source>No system tray was found on this desktop: the app opens as a normal window instead, with the same information.</source>
        <translation>此桌面上未找到系统托盘：应用将改为以普通窗口打开，显示相同的信息。</translation>
    </message>
    <message>
        <source>The app&apos;s icon is in the menu bar at the top right of the screen: click it to see how many requests are left.</source>
        <translation>应用图标位于屏幕右上角的菜单栏中：点击它即可查看剩余请求次数。</translation>
    </message>
    <message>
        <source>The app&apos;s icon is in the notification area at the right end of the taskbar. If you do not see it, click the ^ arrow there: Windows puts new icons out of sight until you drag them onto the taskbar.</source>
        <translation>应用图标位于任务栏右端的通知区域。如果看不到，请点击那里的 ^ 箭头：Windows 会隐藏新图标，直到您将其拖到任务栏上。</translation>
    </message>
    <message>
        <source>The app&apos;s icon is in your desktop&apos;s system tray (the status area of the panel). On GNOME the tray needs the “AppIndicator and KStatusNotifierItem Support” extension.</source>
        <translation>应用图标位于桌面的系统托盘（面板的状态区域）中。在 GNOME 上，托盘需要安装“AppIndicator and KStatusNotifierItem Support”扩展。</translation>
    </message>
    <message>
        <source>Not everything works yet</source>
        <translation>还有未完成的步骤</translation>
    </message>
    <message>
        <source>International</source>
        <translation>国际站</translation>
    </message>
    <message>
        <source>China</source>
        <translation>中国站</translation>
    </message>
    <message>
        <source>Plan: {tier}, {region}, monthly reset on day {day}.</source>
        <translation>套餐：{tier}，{region}，每月 {day} 日重置。</translation>
    </message>
    <message>
        <source>No key stored</source>
        <translation>尚未保存密钥</translation>
    </message>
    <message>
        <source>The tools cannot reach the plan without it: go back to the key page.</source>
        <translation>没有密钥，工具无法访问套餐：请返回密钥页面。</translation>
    </message>
    <message>
        <source>Key stored ({masked}), but the plan refused it</source>
        <translation>密钥已保存（{masked}），但套餐拒绝了它</translation>
    </message>
    <message>
        <source>Key stored in the system keyring: {masked}</source>
        <translation>密钥已保存在系统密钥库中：{masked}</translation>
    </message>
    <message>
        <source>Connection test failed: {reason}</source>
        <translation>连接测试失败：{reason}</translation>
    </message>
    <message>
        <source>Connection verified: the plan answered.</source>
        <translation>连接已验证：套餐已响应。</translation>
    </message>
    <message>
        <source>The plan&apos;s address could not be reached: {reason}</source>
        <translation>无法访问套餐地址：{reason}</translation>
    </message>
    <message>
        <source>Connection verified by {tool}&apos;s run.</source>
        <translation>已通过运行 {tool} 验证连接。</translation>
    </message>
    <message>
        <source>Connection not tested: no test request was sent</source>
        <translation>连接未测试：未发送测试请求</translation>
    </message>
    <message>
        <source>Connection not tested: the address is reachable, no request was sent</source>
        <translation>连接未测试：地址可访问，但未发送请求</translation>
    </message>
    <message>
        <source>Runs {tool} once with a one-word prompt</source>
        <translation>用一个简短的提示词运行 {tool} 一次</translation>
    </message>
</context>
<context>
    <name>GuidedToolWidget</name>
    <message>
        <source>Mo&amp;del:</source>
        <translation>模型(&amp;D)：</translation>
    </message>
    <message>
        <source>Copy the &amp;snippet</source>
        <translation>复制代码片段(&amp;S)</translation>
    </message>
    <message>
        <source>Copy the ke&amp;y (cleared from the clipboard after {seconds} s)</source>
        <translation>复制密钥（{seconds} 秒后从剪贴板清除）(&amp;Y)</translation>
    </message>
    <message>
        <source>OpenAI-compatible base URL:</source>
        <translation>OpenAI 兼容 Base URL：</translation>
    </message>
    <message>
        <source>Anthropic-compatible base URL:</source>
        <translation>Anthropic 兼容 Base URL：</translation>
    </message>
    <message>
        <source>Model id:</source>
        <translation>模型 ID：</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy {what}</source>
        <translation>复制{what}</translation>
    </message>
    <message>
        <source>Key copied</source>
        <translation>已复制密钥</translation>
    </message>
    <message>
        <source>Paste it into {tool} now: it is taken off the clipboard in {seconds} seconds (unless you copy something else first).</source>
        <translation>请立即将其粘贴到 {tool} 中：{seconds} 秒后密钥将从剪贴板清除（除非您在此之前复制了其他内容）。</translation>
    </message>
    <message>
        <source>The key was not copied</source>
        <translation>未能复制密钥</translation>
    </message>
</context>
<context>
    <name>HistoryChart</name>
    <message>
        <source>{count} requests in the last {days} days</source>
        <translation>最近 {days} 天共 {count} 次请求</translation>
    </message>
    <message>
        <source>Requests per day</source>
        <translation>每日请求数</translation>
    </message>
    <message>
        <source>{day}: none</source>
        <translation>{day}：无</translation>
    </message>
    <message>
        <source>{day}: {total} ({tools})</source>
        <translation>{day}：{total}（{tools}）</translation>
    </message>
    <message>
        <source>No requests recorded in the last two weeks</source>
        <translation>最近两周没有请求记录</translation>
    </message>
    <message>
        <source>now</source>
        <translation>现在</translation>
    </message>
</context>
<context>
    <name>KeyDialog</name>
    <message>
        <source>Replace the key</source>
        <translation>更换密钥</translation>
    </message>
    <message>
        <source>Store the key</source>
        <translation>存储密钥</translation>
    </message>
</context>
<context>
    <name>KeyEntryWidget</name>
    <message>
        <source>Plan &amp;key:</source>
        <translation>套餐密钥(&amp;K)：</translation>
    </message>
    <message>
        <source>S&amp;how</source>
        <translation>显示(&amp;H)</translation>
    </message>
    <message>
        <source>The plan key starts with sk-sp- and is on the Coding Plan page of the console; the general Model Studio API keys do not work with the plan, nor do keys of the Token Plan (a separate subscription whose keys also start with sk-sp-).</source>
        <translation>套餐密钥以 sk-sp- 开头，可在控制台的 Coding Plan 页面找到；百炼通用 API 密钥不能用于此套餐，Token Plan（另一种订阅，其密钥同样以 sk-sp- 开头）的密钥也不能。</translation>
    </message>
    <message>
        <source>Open the Coding Plan &amp;console</source>
        <translation>打开 Coding Plan 控制台(&amp;C)</translation>
    </message>
    <message>
        <source>S&amp;tore the key</source>
        <translation>保存密钥(&amp;T)</translation>
    </message>
    <message>
        <source>Tools that hold a copy of the old key</source>
        <translation>保存有旧密钥副本的工具</translation>
    </message>
    <message>
        <source>&amp;Put the new key in these tools</source>
        <translation>将新密钥写入这些工具(&amp;P)</translation>
    </message>
    <message>
        <source>This looks like a Coding Plan key.</source>
        <translation>这看起来是 Coding Plan 套餐密钥。</translation>
    </message>
    <message>
        <source>Looking for the system keyring…</source>
        <translation>正在查找系统密钥库…</translation>
    </message>
    <message>
        <source>The key will be kept in {backend} (service “{service}”, account “{account}”) and in no file.</source>
        <translation>密钥将保存在 {backend} 中（服务“{service}”，账户“{account}”），不会写入任何文件。</translation>
    </message>
    <message>
        <source>A key is stored: {masked}. Paste a new one to replace it, or leave the field empty to keep it.</source>
        <translation>已保存密钥：{masked}。粘贴新密钥即可替换；留空则保留现有密钥。</translation>
    </message>
    <message>
        <source>Key stored</source>
        <translation>密钥已保存</translation>
    </message>
    <message>
        <source>{masked} is in {backend}.</source>
        <translation>{masked} 已保存在 {backend} 中。</translation>
    </message>
    <message>
        <source>{masked} is in the system keyring.</source>
        <translation>{masked} 已保存在系统密钥库中。</translation>
    </message>
    <message>
        <source>Key stored, but the plan refused it</source>
        <translation>密钥已保存，但套餐拒绝了它</translation>
    </message>
    <message>
        <source>{masked} is in the keyring, but the test request was refused. {reason}</source>
        <translation>{masked} 已在密钥库中，但测试请求被拒绝。{reason}</translation>
    </message>
    <message>
        <source>Paste the right key above to replace it. {remedy}</source>
        <translation>在上方粘贴正确的密钥以替换它。{remedy}</translation>
    </message>
    <message>
        <source>Paste another key</source>
        <translation>粘贴其他密钥</translation>
    </message>
    <message>
        <source>The key was not stored</source>
        <translation>密钥未保存</translation>
    </message>
    <message>
        <source>{tools} still hold a copy of the old key in their files. The change below puts the new key there (shown masked).</source>
        <translation>{tools} 的文件中仍保存着旧密钥的副本。下面的更改会将新密钥写入这些文件（密钥已遮盖显示）。</translation>
    </message>
    <message>
        <source>{tool} still holds the old key and cannot be updated: {reason} Once that is fixed, apply its setup again (Tools tab).</source>
        <translation>{tool} 仍保存着旧密钥，且无法更新：{reason} 问题解决后，请再次应用它的配置（“工具”标签页）。</translation>
    </message>
    <message>
        <source>Partly updated</source>
        <translation>部分已更新</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>已更新</translation>
    </message>
    <message>
        <source>The new key is now in {tools}.</source>
        <translation>新密钥已写入 {tools}。</translation>
    </message>
    <message>
        <source>The tools were not updated</source>
        <translation>工具未更新</translation>
    </message>
</context>
<context>
    <name>KeyPage</name>
    <message>
        <source>Your plan key</source>
        <translation>您的套餐密钥</translation>
    </message>
    <message>
        <source>Paste the key from the Coding Plan console. It is stored in the system keyring when you press Next.</source>
        <translation>粘贴 Coding Plan 控制台中的套餐密钥。点击“下一步”时，密钥将保存到系统密钥库。</translation>
    </message>
</context>
<context>
    <name>KeyTab</name>
    <message>
        <source>&amp;Replace key…</source>
        <translation>更换密钥(&amp;R)…</translation>
    </message>
    <message>
        <source>Re&amp;move key</source>
        <translation>移除密钥(&amp;M)</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>密钥：</translation>
    </message>
    <message>
        <source>Kept in:</source>
        <translation>保存位置：</translation>
    </message>
    <message>
        <source>The key lives only in your system&apos;s keyring. Claude Code asks this app for it; tools that cannot (Qwen Code, Cline, OpenCode) keep a copy in their own file, readable only by you, and get the new key when you replace it here.</source>
        <translation>密钥只保存在系统密钥库中。Claude Code 会向本应用获取密钥；无法这样做的工具（Qwen Code、Cline、OpenCode）会在自己的文件中保存一份副本（仅您本人可读），在此更换密钥时它们也会获得新密钥。</translation>
    </message>
    <message>
        <source>{backend}, service “{service}”, account “{account}”</source>
        <translation>{backend}，服务“{service}”，账户“{account}”</translation>
    </message>
    <message>
        <source>no keyring</source>
        <translation>无密钥库</translation>
    </message>
    <message>
        <source>Unavailable</source>
        <translation>不可用</translation>
    </message>
    <message>
        <source>The keyring cannot be used</source>
        <translation>无法使用密钥库</translation>
    </message>
    <message>
        <source>Not stored yet</source>
        <translation>尚未保存</translation>
    </message>
    <message>
        <source>No key stored</source>
        <translation>尚未保存密钥</translation>
    </message>
    <message>
        <source>The tools set up by this app cannot reach the plan without it.</source>
        <translation>没有密钥，本应用配置的工具无法访问套餐。</translation>
    </message>
    <message>
        <source>Store a key</source>
        <translation>保存密钥</translation>
    </message>
    <message>
        <source>{tools} keep a copy of the key in their files. Revert them first (undo what this app set there), so that no file keeps the key?</source>
        <translation>{tools} 的文件中保存有密钥副本。要先还原它们（撤销本应用在其中的设置），使任何文件都不再保留密钥吗？</translation>
    </message>
    <message>
        <source>The key will be deleted from the keyring. Claude Code (set to ask this app) will stop working until you store a key again.</source>
        <translation>密钥将从系统密钥库中删除。在重新保存密钥之前，Claude Code（已设置为向本应用获取密钥）将无法使用。</translation>
    </message>
    <message>
        <source>Revert them and remove</source>
        <translation>还原它们并删除</translation>
    </message>
    <message>
        <source>Remove, keep the copies</source>
        <translation>删除，保留副本</translation>
    </message>
    <message>
        <source>{tool} is reverted.</source>
        <translation>{tool} 已还原。</translation>
    </message>
    <message>
        <source>{tool} still holds a copy of the key: revert it to remove it.</source>
        <translation>{tool} 仍保存着密钥副本：还原它即可删除。</translation>
    </message>
    <message>
        <source>{tool} still holds a copy of the key ({reason}): revert it to remove it.</source>
        <translation>{tool} 仍保存着密钥副本（{reason}）：还原它即可删除。</translation>
    </message>
    <message>
        <source>These files hold the key, not put there by this app: remove it from them by hand.
{files}</source>
        <translation>以下文件中有密钥，但不是本应用写入的：请手动删除。
{files}</translation>
    </message>
    <message>
        <source>The key is removed from the keyring.</source>
        <translation>密钥已从系统密钥库中删除。</translation>
    </message>
    <message>
        <source>No key was stored.</source>
        <translation>没有已保存的密钥。</translation>
    </message>
    <message>
        <source>Key removed</source>
        <translation>密钥已删除</translation>
    </message>
    <message>
        <source>The key was not removed</source>
        <translation>密钥未删除</translation>
    </message>
    <message>
        <source>Remove the key?</source>
        <translation>要移除密钥吗？</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
</context>
<context>
    <name>LogTab</name>
    <message>
        <source>Open &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
</context>
<context>
    <name>ModelChoice</name>
    <message>
        <source>{model} — Pro only</source>
        <translation>{model} — 仅限 Pro</translation>
    </message>
    <message>
        <source>This model is for Pro subscribers; on Lite the plan refuses it.</source>
        <translation>此模型仅供 Pro 订阅用户使用；Lite 套餐会拒绝该模型。</translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <source>&amp;Set aside answers from other addresses</source>
        <translation>搁置来自其他地址的回答(&amp;S)</translation>
    </message>
    <message>
        <source>The &apos;quota exceeded&apos; answers that came through another address stop correcting the figures</source>
        <translation>经由其他地址收到的“额度已用完”回答不再用于修正数字</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Calibrate…</source>
        <translation>校准(&amp;C)…</translation>
    </message>
    <message>
        <source>Enter what the plan&apos;s console shows, to correct the estimate</source>
        <translation>填入套餐控制台显示的用量，以修正估算</translation>
    </message>
    <message>
        <source>&amp;Test connection…</source>
        <translation>测试连接(&amp;T)…</translation>
    </message>
    <message>
        <source>Check that this computer reaches the plan, with your key</source>
        <translation>用您的密钥检查本机能否连接到套餐</translation>
    </message>
    <message>
        <source>International</source>
        <translation>国际站</translation>
    </message>
    <message>
        <source>China</source>
        <translation>中国站</translation>
    </message>
    <message>
        <source>Lite plan</source>
        <translation>Lite 套餐</translation>
    </message>
    <message>
        <source>No plan chosen</source>
        <translation>未选择套餐</translation>
    </message>
    <message>
        <source>Pro plan</source>
        <translation>Pro 套餐</translation>
    </message>
    <message>
        <source>Not in the tools&apos; records, so not counted: {list}</source>
        <translation>工具记录里没有，因此未计入：{list}</translation>
    </message>
    <message>
        <source>The plan&apos;s console could not be read: {reason} {next}.</source>
        <translation>无法读取套餐控制台：{reason}{next}。</translation>
    </message>
    <message>
        <source>The plan&apos;s console could not be read: {reason}</source>
        <translation>无法读取套餐控制台：{reason}</translation>
    </message>
    <message>
        <source>The &apos;quota exceeded&apos; answer behind the {window} figure came through {origin}, not the address in use.</source>
        <translation>{window}数字所依据的“额度已用完”回答来自 {origin}，而不是当前使用的地址。</translation>
    </message>
    <message>
        <source> (this computer)</source>
        <translation>（本机）</translation>
    </message>
    <message>
        <source> (newer version: not read)</source>
        <translation>（较新版本：未读取）</translation>
    </message>
    <message>
        <source> (silent for days)</source>
        <translation>（已数日未更新）</translation>
    </message>
    <message>
        <source>This month by computer: {list}</source>
        <translation>本月各电脑：{list}</translation>
    </message>
    <message>
        <source>Reading records: {done} of {total} files</source>
        <translation>正在读取记录：{done}/{total} 个文件</translation>
    </message>
    <message>
        <source>Reading records…</source>
        <translation>正在读取记录…</translation>
    </message>
</context>
<context>
    <name>PlanPage</name>
    <message>
        <source>Your plan</source>
        <translation>您的套餐</translation>
    </message>
    <message>
        <source>The app counts your requests against these limits. Change them any time.</source>
        <translation>本应用会按这些限额统计您的请求。您可以随时更改。</translation>
    </message>
    <message>
        <source>Monthly reset</source>
        <translation>每月重置</translation>
    </message>
    <message>
        <source>The &amp;date the plan&apos;s console shows as your plan&apos;s renewal or end:</source>
        <translation>套餐控制台显示的续费日或到期日(&amp;D)：</translation>
    </message>
    <message>
        <source>Subscription</source>
        <translation>订阅</translation>
    </message>
    <message>
        <source>Choose the plan you bought: the limits differ five times over, so Next waits for your choice.</source>
        <translation>请选择您购买的套餐：两者的额度相差五倍，因此需要您选择后才能继续。</translation>
    </message>
    <message>
        <source>&amp;Lite</source>
        <translation>Lite(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Pro</source>
        <translation>Pro(&amp;P)</translation>
    </message>
    <message>
        <source>{prices}: up to {h5} requests per 5 hours, {week} per week and {month} per month.</source>
        <translation>{prices}：每 5 小时最多 {h5} 次请求，每周 {week} 次，每月 {month} 次。</translation>
    </message>
    <message>
        <source>Every model call counts as one request, and one question in a tool can make several calls.</source>
        <translation>每次模型调用计为一次请求；在工具中提一个问题可能会产生多次调用。</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地域</translation>
    </message>
    <message>
        <source>Choose the site you bought the plan on. The choice below is only a suggestion, from the app&apos;s language.</source>
        <translation>请选择您购买套餐的站点。下方的选择只是根据应用语言给出的建议。</translation>
    </message>
    <message>
        <source>&amp;International (Singapore)</source>
        <translation>国际站（新加坡）(&amp;I)</translation>
    </message>
    <message>
        <source>For a plan bought on the international Alibaba Cloud site (Model Studio console). Address: {host}.</source>
        <translation>适用于在阿里云国际站（百炼控制台）购买的套餐。地址：{host}。</translation>
    </message>
    <message>
        <source>&amp;China (mainland)</source>
        <translation>中国站（中国内地）(&amp;C)</translation>
    </message>
    <message>
        <source>For a plan bought on the China site (Bailian console, aliyun.com). Address: {host}.</source>
        <translation>适用于在阿里云中国站（百炼控制台，aliyun.com）购买的套餐。地址：{host}。</translation>
    </message>
    <message>
        <source>A key works only in the region it comes from: a key from one console is rejected at the other region&apos;s address.</source>
        <translation>密钥只能在其所属地域使用：一个控制台的密钥会被另一地域的地址拒绝。</translation>
    </message>
</context>
<context>
    <name>PolicyBox</name>
    <message>
        <source>RAM policy</source>
        <translation>RAM 策略</translation>
    </message>
    <message>
        <source>&amp;Copy the policy</source>
        <translation>复制策略(&amp;C)</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>ReleaseChart</name>
    <message>
        <source>{count} requests come back in the next 5 hours</source>
        <translation>未来 5 小时内将恢复 {count} 次请求</translation>
    </message>
    <message>
        <source>Coming back in the next 5 hours</source>
        <translation>未来 5 小时内恢复</translation>
    </message>
    <message>
        <source>{count} back between {start} and {end}</source>
        <translation>{start}–{end} 之间恢复 {count} 次</translation>
    </message>
    <message>
        <source>Nothing to come back: no requests in the last 5 hours</source>
        <translation>暂无待恢复的请求：过去 5 小时内没有请求</translation>
    </message>
    <message>
        <source>now</source>
        <translation>现在</translation>
    </message>
</context>
<context>
    <name>RenewalDateField</name>
    <message>
        <source>on the {day}st</source>
        <translation>在 {day} 日</translation>
    </message>
    <message>
        <source>on the {day}nd</source>
        <translation>在 {day} 日</translation>
    </message>
    <message>
        <source>on the {day}rd</source>
        <translation>在 {day} 日</translation>
    </message>
    <message>
        <source>on the {day}th</source>
        <translation>在 {day} 日</translation>
    </message>
    <message>
        <source>Renewal or end date</source>
        <translation>续费日或到期日</translation>
    </message>
    <message>
        <source>Kept from before: the subscription day, the month turning {on_day}. If you entered the day you bought the plan, set the date the console shows instead: the month turns the day after it.</source>
        <translation>沿用之前的设置：订阅日，每月{on_day}重置。如果当时填的是购买套餐的日期，请改填控制台显示的日期：每月在它的次日重置。</translation>
    </message>
    <message>
        <source>As the plan&apos;s console shows it. Your plan&apos;s month turns at 00:00 (UTC+8) {on_day}, the day after this date: the monthly quota comes back then.</source>
        <translation>以套餐控制台显示为准。套餐的月度周期{on_day} 00:00（UTC+8）重置，即此日期的次日：届时每月额度恢复。</translation>
    </message>
    <message>
        <source>In a month without that day, it turns on its last day.</source>
        <translation>若当月没有这一天，则在当月最后一天重置。</translation>
    </message>
</context>
<context>
    <name>SettingsTab</name>
    <message>
        <source>Choose your plan</source>
        <translation>选择你的套餐</translation>
    </message>
    <message>
        <source>International (Singapore)</source>
        <translation>国际站（新加坡）</translation>
    </message>
    <message>
        <source>China (Beijing)</source>
        <translation>中国站（北京）</translation>
    </message>
    <message>
        <source>Only for a gateway: https://gateway.example.com</source>
        <translation>仅用于网关：https://gateway.example.com</translation>
    </message>
    <message>
        <source> (Pro only)</source>
        <translation>（仅限 Pro）</translation>
    </message>
    <message>
        <source>Requests left</source>
        <translation>剩余请求数</translation>
    </message>
    <message>
        <source>Requests used</source>
        <translation>已用请求数</translation>
    </message>
    <message>
        <source>What the tray&apos;s figure, its menu and &apos;codingplan usage --line&apos; count: what is left of each window, or what is used</source>
        <translation>托盘图标上的数字、托盘菜单和 &apos;codingplan usage --line&apos; 统计的内容：每个窗口的剩余量，或已用量</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>The new language shows after a restart.</source>
        <translation>新语言将在重启后生效。</translation>
    </message>
    <message>
        <source>Restart &amp;now</source>
        <translation>立即重启(&amp;N)</translation>
    </message>
    <message>
        <source>A folder you sync between computers, e.g. ~/Sync</source>
        <translation>在多台电脑间同步的文件夹，例如 ~/Sync</translation>
    </message>
    <message>
        <source>Each computer writes the requests it counted there (times, tools and models only: no prompts, paths or keys) and reads the others&apos;.</source>
        <translation>每台电脑都会把自己统计到的请求写入该文件夹（只有时间、工具和模型：不含提示词、路径或密钥），并读取其他电脑的记录。</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Start at &amp;login, in the tray</source>
        <translation>登录时在托盘中启动(&amp;L)</translation>
    </message>
    <message>
        <source>Run &amp;setup again…</source>
        <translation>重新运行设置向导(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Plan:</source>
        <translation>套餐(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>地域(&amp;R)：</translation>
    </message>
    <message>
        <source>Custom &amp;origin:</source>
        <translation>自定义源地址(&amp;O)：</translation>
    </message>
    <message>
        <source>Default &amp;model:</source>
        <translation>默认模型(&amp;M)：</translation>
    </message>
    <message>
        <source>S&amp;hared folder:</source>
        <translation>共享文件夹(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Count in the tray:</source>
        <translation>托盘中显示(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>{tier}: {h5} per 5 hours, {week} a week, {month} a month ({prices})</source>
        <translation>{tier}：每 5 小时 {h5} 次，每周 {week} 次，每月 {month} 次（{prices}）</translation>
    </message>
    <message>
        <source>Renewal or end &amp;date:</source>
        <translation>续费日或到期日(&amp;D)：</translation>
    </message>
    <message>
        <source>The date the plan&apos;s console shows as your plan&apos;s renewal or end</source>
        <translation>套餐控制台显示的续费日或到期日</translation>
    </message>
    <message>
        <source>first at</source>
        <translation>第一次：</translation>
    </message>
    <message>
        <source>second at</source>
        <translation>第二次：</translation>
    </message>
    <message>
        <source>A notification when a window has this share used</source>
        <translation>窗口用到这个比例时发出通知</translation>
    </message>
    <message>
        <source>A second notification, closer to the limit</source>
        <translation>第二次通知，更接近上限</translation>
    </message>
    <message>
        <source>&amp;Notify when used:</source>
        <translation>用量通知(&amp;N)：</translation>
    </message>
    <message>
        <source>This run was started with --origin {origin}: that address is used instead of the one set here.</source>
        <translation>本次运行以 --origin {origin} 启动：使用该地址，而不是此处设置的地址。</translation>
    </message>
    <message>
        <source>The variable {variable} is set: {origin} is used instead of the address set here, until it is unset and the app started again.</source>
        <translation>已设置环境变量 {variable}：将使用 {origin}，而不是此处设置的地址，直到取消该变量并重新启动本应用。</translation>
    </message>
    <message>
        <source>The folder you sync between computers</source>
        <translation>在多台电脑间同步的文件夹</translation>
    </message>
</context>
<context>
    <name>SetupBanner</name>
    <message>
        <source>Until then the cards show what was used, not what is left: there is nothing to measure it against.</source>
        <translation>在此之前，卡片只显示已用量，不显示剩余量：没有可以对照的上限。</translation>
    </message>
    <message>
        <source>&amp;Set up…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Set up Coding Plan</source>
        <translation>设置 Coding Plan</translation>
    </message>
    <message>
        <source>Leave the setup?</source>
        <translation>退出设置？</translation>
    </message>
    <message>
        <source>Leave the setup before it is finished?</source>
        <translation>设置尚未完成，要退出吗？</translation>
    </message>
    <message>
        <source>Save and leave</source>
        <translation>保存并退出</translation>
    </message>
    <message>
        <source>Leave the setup</source>
        <translation>退出设置</translation>
    </message>
    <message>
        <source>Leave without saving</source>
        <translation>不保存，直接退出</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>留下</translation>
    </message>
    <message>
        <source>Kept: the key {masked}, in the system keyring.</source>
        <translation>保留：系统密钥库中的密钥 {masked}。</translation>
    </message>
    <message>
        <source>Kept: the setup of {tools}, as applied.</source>
        <translation>保留：已应用的 {tools} 配置。</translation>
    </message>
    <message>
        <source>Not saved: the choices on these pages; your earlier settings stay.</source>
        <translation>不保存：这些页面上的选择；您之前的设置保持不变。</translation>
    </message>
    <message>
        <source>Not saved: your plan and the other choices on these pages. The setup opens again the next time you start the app.</source>
        <translation>不保存：您的套餐及这些页面上的其他选择。下次启动本应用时会再次打开设置。</translation>
    </message>
    <message>
        <source>Start at login could not be set up; your other choices are saved</source>
        <translation>无法设置登录时启动；您的其他选择已保存</translation>
    </message>
</context>
<context>
    <name>StatusView</name>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Change the key</source>
        <translation>更换密钥</translation>
    </message>
    <message>
        <source>Try the other region</source>
        <translation>尝试另一个地域</translation>
    </message>
    <message>
        <source>Open the console</source>
        <translation>打开控制台</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Something this app did not expect got in the way. Details shows what the system said.</source>
        <translation>出现了本应用未预料到的问题。“详情”中是系统给出的信息。</translation>
    </message>
</context>
<context>
    <name>SumsDialog</name>
    <message>
        <source>SHA256SUMS of version {version}</source>
        <translation>版本 {version} 的 SHA256SUMS</translation>
    </message>
    <message>
        <source>Before you open a file you downloaded, check that its SHA-256 checksum is the one listed here for its name.</source>
        <translation>打开下载的文件之前，请核对它的 SHA-256 校验和与这里对应文件名所列的一致。</translation>
    </message>
</context>
<context>
    <name>ToolCard</name>
    <message>
        <source>&amp;Apply…</source>
        <translation>应用(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Revert…</source>
        <translation>还原(&amp;R)…</translation>
    </message>
    <message>
        <source>Open &amp;folder</source>
        <translation>打开文件夹(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Copy the install command</source>
        <translation>复制安装命令(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;More…</source>
        <translation>更多(&amp;M)…</translation>
    </message>
    <message>
        <source>Show the &amp;steps…</source>
        <translation>查看步骤(&amp;S)…</translation>
    </message>
    <message>
        <source>The model, where the key goes, the exact changes</source>
        <translation>模型、密钥存放位置以及具体改动</translation>
    </message>
    <message>
        <source>What to enter in {tool}, with a button to copy each value</source>
        <translation>需要在 {tool} 中填写的内容，每项都有复制按钮</translation>
    </message>
    <message>
        <source>{tool} is not installed: install it first.</source>
        <translation>{tool} 未安装：请先安装。</translation>
    </message>
    <message>
        <source>Set {tool} up for the plan (you see what changes first)</source>
        <translation>为套餐配置 {tool}（会先告诉您改动了什么）</translation>
    </message>
    <message>
        <source>{tool} is not installed.</source>
        <translation>{tool} 未安装。</translation>
    </message>
    <message>
        <source>Runs {tool} once with a one-word prompt: it uses about {n} of your requests</source>
        <translation>用一个简短的提示词运行 {tool} 一次：约消耗 {n} 次请求</translation>
    </message>
    <message>
        <source>This app has set nothing in {tool}&apos;s files: nothing to revert.</source>
        <translation>本应用未在 {tool} 的文件中设置任何内容：无需还原。</translation>
    </message>
    <message>
        <source>Undo what this app set in {tool}&apos;s files</source>
        <translation>撤销本应用在 {tool} 文件中所做的设置</translation>
    </message>
    <message>
        <source>The folder of its settings files</source>
        <translation>其设置文件所在的文件夹</translation>
    </message>
    <message>
        <source>No change can be prepared</source>
        <translation>无法准备改动</translation>
    </message>
    <message>
        <source>Preparing the change…</source>
        <translation>正在准备改动…</translation>
    </message>
    <message>
        <source>Nothing to change</source>
        <translation>无需改动</translation>
    </message>
    <message>
        <source>{tool} is already set up this way.</source>
        <translation>{tool} 已按此方式配置。</translation>
    </message>
    <message>
        <source>Apply sets {tool} up for the plan with {model}: it changes {files}.</source>
        <translation>“应用”会为套餐配置 {tool}，使用 {model}：将修改 {files}。</translation>
    </message>
    <message>
        <source>A backup is kept first, and Revert puts the files back.</source>
        <translation>修改前会先备份，“还原”可将文件恢复原样。</translation>
    </message>
    <message>
        <source>Apply the setup of {tool}?</source>
        <translation>应用 {tool} 的配置？</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Show the changes…</source>
        <translation>查看改动…</translation>
    </message>
    <message>
        <source>Writing {tool}&apos;s files…</source>
        <translation>正在写入 {tool} 的文件…</translation>
    </message>
    <message>
        <source>Nothing was written</source>
        <translation>未写入任何内容</translation>
    </message>
    <message>
        <source>Wrote {file}</source>
        <translation>已写入 {file}</translation>
    </message>
    <message>
        <source>Backup of the earlier file: {file}</source>
        <translation>原文件的备份：{file}</translation>
    </message>
    <message>
        <source>{tool} is set up</source>
        <translation>{tool} 已配置完成</translation>
    </message>
    <message>
        <source>Running {tool} with a one-word prompt…</source>
        <translation>正在用一个简短的提示词运行 {tool}…</translation>
    </message>
    <message>
        <source>The tool could not be run</source>
        <translation>无法运行该工具</translation>
    </message>
    <message>
        <source>Revert {tool}?</source>
        <translation>还原 {tool}？</translation>
    </message>
    <message>
        <source>Undo what this app set in {tool}&apos;s files? What you or the tool changed there since stays.</source>
        <translation>撤销本应用在 {tool} 文件中所做的设置？您或该工具此后所做的改动会保留。</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>Undoing what this app set…</source>
        <translation>正在撤销本应用所做的设置…</translation>
    </message>
    <message>
        <source>Nothing was reverted</source>
        <translation>未还原任何内容</translation>
    </message>
    <message>
        <source>Nothing to revert</source>
        <translation>无需还原</translation>
    </message>
    <message>
        <source>This app has set nothing in {tool}&apos;s files.</source>
        <translation>本应用未在 {tool} 的文件中设置任何内容。</translation>
    </message>
    <message>
        <source>Reverted</source>
        <translation>已还原</translation>
    </message>
    <message>
        <source>What this app had set in {tool}&apos;s files is undone.</source>
        <translation>本应用在 {tool} 文件中的设置已撤销。</translation>
    </message>
    <message>
        <source>Command copied</source>
        <translation>已复制命令</translation>
    </message>
    <message>
        <source>Run it in a terminal, then press Check again.</source>
        <translation>请在终端中运行它，然后点击“重新检查”。</translation>
    </message>
</context>
<context>
    <name>ToolPage</name>
    <message>
        <source>Set up {tool}</source>
        <translation>配置 {tool}</translation>
    </message>
    <message>
        <source>Check the change, then Apply. Verify runs the tool once to prove it works.</source>
        <translation>检查更改后点击“应用”。“验证”会运行一次该工具，以确认配置可用。</translation>
    </message>
    <message>
        <source>Show the steps to do it by &amp;hand instead</source>
        <translation>改为显示手动配置步骤(&amp;H)</translation>
    </message>
    <message>
        <source>Enter these settings in {tool}; this app does not change its files.</source>
        <translation>请在 {tool} 中填写以下设置；本应用不会修改它的文件。</translation>
    </message>
    <message>
        <source>{tool}: to set up by hand with the values shown (not checked)</source>
        <translation>{tool}：按所示值手动配置（未检查）</translation>
    </message>
    <message>
        <source>{tool}: skipped, not installed</source>
        <translation>{tool}：已跳过，未安装</translation>
    </message>
    <message>
        <source>Install it ({command}), then set it up from the dashboard&apos;s Tools tab.</source>
        <translation>请先安装（{command}），然后在仪表盘的“工具”标签页中配置。</translation>
    </message>
    <message>
        <source>{tool}: skipped, its files were not changed</source>
        <translation>{tool}：已跳过，其文件未更改</translation>
    </message>
    <message>
        <source>You can set it up later from the dashboard&apos;s Tools tab.</source>
        <translation>您可以稍后在仪表盘的“工具”标签页中配置。</translation>
    </message>
    <message>
        <source>{tool}: configured, not verified</source>
        <translation>{tool}：已配置，未验证</translation>
    </message>
    <message>
        <source>Verify runs it once to prove it works (about 1 request).</source>
        <translation>“验证”会运行一次以确认可用（约 1 次请求）。</translation>
    </message>
    <message>
        <source>{tool}: configured and verified</source>
        <translation>{tool}：已配置并验证</translation>
    </message>
    <message>
        <source>Verify runs it once to prove it works (about {n} requests).</source>
        <translation>“验证”会运行一次以确认可用（约 {n} 次请求）。</translation>
    </message>
    <message>
        <source>{tool}: configured, but Verify failed ({reason})</source>
        <translation>{tool}：已配置，但验证失败（{reason}）</translation>
    </message>
    <message>
        <source>Apply the change shown on this page now, or skip {tool}?</source>
        <translation>现在应用本页所示的更改，还是跳过 {tool}？</translation>
    </message>
    <message>
        <source>To apply, first agree to keeping a copy of the key in its file. Or skip {tool} for now.</source>
        <translation>要应用，请先同意在其文件中保存密钥副本。或者暂时跳过 {tool}。</translation>
    </message>
    <message>
        <source>Skip {tool} for now? You can set it up later from the dashboard.</source>
        <translation>暂时跳过 {tool}？您可以稍后在仪表盘中配置。</translation>
    </message>
    <message>
        <source>Nothing applied to {tool}</source>
        <translation>尚未对 {tool} 应用任何更改</translation>
    </message>
    <message>
        <source>Nothing was applied to {tool}: its files are as they were.</source>
        <translation>尚未对 {tool} 应用任何更改：其文件保持原样。</translation>
    </message>
    <message>
        <source>Apply and go on</source>
        <translation>应用并继续</translation>
    </message>
    <message>
        <source>Skip {tool}</source>
        <translation>跳过 {tool}</translation>
    </message>
    <message>
        <source>Stay on this page</source>
        <translation>留在本页</translation>
    </message>
</context>
<context>
    <name>ToolSetupWidget</name>
    <message>
        <source>Looking for {tool}…</source>
        <translation>正在查找 {tool}…</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <source>Changes to the files</source>
        <translation>文件更改</translation>
    </message>
    <message>
        <source>I a&amp;gree to keep a copy of the key in that file</source>
        <translation>我同意在该文件中保存密钥副本(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>应用(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Verify (runs {tool} once: uses about 1 request)</source>
        <translation>验证（运行一次 {tool}，约消耗 1 次请求）(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Verify (runs {tool} once: uses about {n} requests)</source>
        <translation>验证（运行一次 {tool}，约消耗 {n} 次请求）(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>还原(&amp;R)</translation>
    </message>
    <message>
        <source>Undo what this app set in the tool&apos;s files</source>
        <translation>撤销本应用在该工具文件中所做的设置</translation>
    </message>
    <message>
        <source>Open config &amp;folder</source>
        <translation>打开配置文件夹(&amp;F)</translation>
    </message>
    <message>
        <source>Show the changes</source>
        <translation>显示更改</translation>
    </message>
    <message>
        <source>Where {tool} gets the key</source>
        <translation>{tool} 从何处获取密钥</translation>
    </message>
    <message>
        <source>From the &amp;keyring</source>
        <translation>从系统密钥库获取(&amp;K)</translation>
    </message>
    <message>
        <source>{tool} asks this app for the key each time it starts; no copy of the key is kept in any file.</source>
        <translation>{tool} 每次启动时向本应用获取密钥；任何文件中都不会保存密钥副本。</translation>
    </message>
    <message>
        <source>&amp;In its settings file</source>
        <translation>保存在其设置文件中(&amp;I)</translation>
    </message>
    <message>
        <source>A copy of the key is kept in {tool}&apos;s settings file, which only you can read (mode 0600). Use this if the tool runs where this app is not installed.</source>
        <translation>密钥副本将保存在 {tool} 的设置文件中，仅您本人可读（权限 0600）。如果该工具在未安装本应用的环境中运行，请选择此项。</translation>
    </message>
    <message>
        <source>{tool} {version}: {state}</source>
        <translation>{tool} {version}：{state}</translation>
    </message>
    <message>
        <source>{tool}: {state}</source>
        <translation>{tool}：{state}</translation>
    </message>
    <message>
        <source>Install it with this command (npm comes with Node.js, from nodejs.org), then press Check again:
{command}</source>
        <translation>请用以下命令安装（npm 随 Node.js 提供，可从 nodejs.org 获取），然后点击“重新检查”：
{command}</translation>
    </message>
    <message>
        <source>Copy the command</source>
        <translation>复制命令</translation>
    </message>
    <message>
        <source>Install it, then press Check again.</source>
        <translation>请先安装，然后点击“重新检查”。</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>{tool} is not installed</source>
        <translation>{tool} 未安装</translation>
    </message>
    <message>
        <source>Preparing the preview…</source>
        <translation>正在准备预览…</translation>
    </message>
    <message>
        <source>No change can be prepared:</source>
        <translation>无法准备更改：</translation>
    </message>
    <message>
        <source>Nothing to change: {tool} is already set up this way.</source>
        <translation>无需更改：{tool} 已按此方式配置。</translation>
    </message>
    <message>
        <source>Apply sets {tool} up like this:</source>
        <translation>“应用”会这样配置 {tool}：</translation>
    </message>
    <message>
        <source>Hide the changes</source>
        <translation>隐藏更改</translation>
    </message>
    <message>
        <source>This app has set nothing in {tool}&apos;s files: nothing to revert.</source>
        <translation>本应用未在 {tool} 的文件中设置任何内容：无需还原。</translation>
    </message>
    <message>
        <source>Apply and Verify are off: {tool} is not installed on this computer.</source>
        <translation>“应用”和“验证”不可用：此电脑上未安装 {tool}。</translation>
    </message>
    <message>
        <source>Verify is off: {reason}</source>
        <translation>“验证”不可用：{reason}</translation>
    </message>
    <message>
        <source>Writing {tool}&apos;s files…</source>
        <translation>正在写入 {tool} 的文件…</translation>
    </message>
    <message>
        <source>{tool} is set up</source>
        <translation>{tool} 已配置完成</translation>
    </message>
    <message>
        <source>Wrote {file}</source>
        <translation>已写入 {file}</translation>
    </message>
    <message>
        <source>Removed {file}</source>
        <translation>已删除 {file}</translation>
    </message>
    <message>
        <source>Backup of the earlier file: {file}</source>
        <translation>原文件的备份：{file}</translation>
    </message>
    <message>
        <source>Nothing was written</source>
        <translation>未写入任何内容</translation>
    </message>
    <message>
        <source>Running {tool} with a one-word prompt…</source>
        <translation>正在用一个简短的提示词运行 {tool}…</translation>
    </message>
    <message>
        <source>Not verified</source>
        <translation>未验证</translation>
    </message>
    <message>
        <source>The tool could not be run</source>
        <translation>无法运行该工具</translation>
    </message>
    <message>
        <source>Undoing what this app set…</source>
        <translation>正在撤销本应用所做的设置…</translation>
    </message>
    <message>
        <source>Nothing to revert</source>
        <translation>无需还原</translation>
    </message>
    <message>
        <source>This app has set nothing in {tool}&apos;s files.</source>
        <translation>本应用未在 {tool} 的文件中设置任何内容。</translation>
    </message>
    <message>
        <source>Reverted</source>
        <translation>已还原</translation>
    </message>
    <message>
        <source>What this app had set in {tool}&apos;s files is undone.</source>
        <translation>本应用在 {tool} 文件中的设置已撤销。</translation>
    </message>
    <message>
        <source>Nothing was reverted</source>
        <translation>未还原任何内容</translation>
    </message>
</context>
<context>
    <name>ToolStanding</name>
    <message>
        <source>Set up and verified</source>
        <translation>已配置并验证</translation>
    </message>
    <message>
        <source>Set up</source>
        <translation>已配置</translation>
    </message>
    <message>
        <source>Not set up</source>
        <translation>未配置</translation>
    </message>
    <message>
        <source>Not installed</source>
        <translation>未安装</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>需要处理</translation>
    </message>
    <message>
        <source>Set up by hand</source>
        <translation>手动配置</translation>
    </message>
    <message>
        <source>Looking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>This app does not change its files: its page shows what to enter, and copies the key for you.</source>
        <translation>本应用不修改它的文件：它的页面会列出需要填写的内容，并可为您复制密钥。</translation>
    </message>
    <message>
        <source>Install it with: {command}</source>
        <translation>安装命令：{command}</translation>
    </message>
    <message>
        <source>Install it, then check again.</source>
        <translation>请先安装，然后重新检查。</translation>
    </message>
    <message>
        <source>Apply sets it up for the plan.</source>
        <translation>点击“应用”即可为套餐配置它。</translation>
    </message>
    <message>
        <source>It is set up for another provider. Apply points it at the plan and keeps its other settings.</source>
        <translation>它已配置为使用其他服务商。“应用”会将它指向套餐，并保留其他设置。</translation>
    </message>
    <message>
        <source>Its files may hold an older key: Apply puts the stored key there.</source>
        <translation>它的文件中可能仍是旧密钥：“应用”会写入已保存的密钥。</translation>
    </message>
    <message>
        <source>{state}.</source>
        <translation>{state}。</translation>
    </message>
    <message>
        <source>The last Verify failed {when}: {reason}.</source>
        <translation>上次验证失败（{when}）：{reason}。</translation>
    </message>
    <message>
        <source>Verify ran it through the plan {when}.</source>
        <translation>已通过套餐验证（{when}）。</translation>
    </message>
    <message>
        <source>Set up by this app, not verified yet: Verify runs it once.</source>
        <translation>已由本应用配置，尚未验证：“验证”会运行它一次。</translation>
    </message>
    <message>
        <source>Its files already send it to the plan, not verified yet: Verify runs it once.</source>
        <translation>它的文件已指向套餐，尚未验证：“验证”会运行它一次。</translation>
    </message>
    <message>
        <source>&amp;Verify (about 1 request)</source>
        <translation>验证（约 1 次请求）(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Verify (about {n} requests)</source>
        <translation>验证（约 {n} 次请求）(&amp;V)</translation>
    </message>
</context>
<context>
    <name>ToolsPage</name>
    <message>
        <source>Coding tools</source>
        <translation>编程工具</translation>
    </message>
    <message>
        <source>Choose the tools to set up. The next pages show each change before it is made.</source>
        <translation>选择要配置的工具。后续页面会先展示每项更改，再执行。</translation>
    </message>
    <message>
        <source>Set up by this app</source>
        <translation>由本应用配置</translation>
    </message>
    <message>
        <source>Set up by hand (the app shows what to enter)</source>
        <translation>手动配置（本应用会显示需填写的内容）</translation>
    </message>
    <message>
        <source>Looking for it…</source>
        <translation>正在查找…</translation>
    </message>
    <message>
        <source>Node.js is not installed (no “node” command was found). The tools above are installed with npm, which comes with Node.js: get the LTS version from https://nodejs.org or from your system&apos;s package manager, then run the command shown.</source>
        <translation>未安装 Node.js（未找到“node”命令）。上述工具需通过 Node.js 自带的 npm 安装：请从 https://nodejs.org 或系统的包管理器获取 LTS 版本，然后运行所示命令。</translation>
    </message>
    <message>
        <source>{version} · {state}</source>
        <translation>{version} · {state}</translation>
    </message>
    <message>
        <source>version unknown</source>
        <translation>版本未知</translation>
    </message>
    <message>
        <source>{state}. Install it with: {command}</source>
        <translation>{state}。安装命令：{command}</translation>
    </message>
    <message>
        <source>Could not look for it: {error}</source>
        <translation>无法查找：{error}</translation>
    </message>
</context>
<context>
    <name>ToolsTab</name>
    <message>
        <source>Each coding tool, and where it stands with the plan. Apply and Revert change only what this app sets in a tool&apos;s files; Verify runs the tool once.</source>
        <translation>每个编程工具及其与套餐的配置状态。“应用”和“还原”只改动本应用在工具文件中设置的内容；“验证”会运行该工具一次。</translation>
    </message>
    <message>
        <source>&amp;Check again</source>
        <translation>重新检查(&amp;C)</translation>
    </message>
    <message>
        <source>Set up by hand</source>
        <translation>手动配置</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>Reading your tools’ records…</source>
        <translation>正在读取各工具的记录…</translation>
    </message>
    <message>
        <source>Last updated {when}: the records could not be read since.</source>
        <translation>最后更新：{when}，此后无法读取记录。</translation>
    </message>
    <message>
        <source>Last updated {when}</source>
        <translation>最后更新：{when}</translation>
    </message>
    <message>
        <source>Open dashboard</source>
        <translation>打开仪表盘</translation>
    </message>
    <message>
        <source>Test connection…</source>
        <translation>测试连接…</translation>
    </message>
    <message>
        <source>Calibrate…</source>
        <translation>校准…</translation>
    </message>
    <message>
        <source>Open the plan’s console</source>
        <translation>打开套餐控制台</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Version {version} is available: what’s new · download</source>
        <translation>新版本 {version} 已发布：更新内容 · 下载</translation>
    </message>
    <message>
        <source>Opens the release page on GitHub; its SHA256SUMS are on the dashboard</source>
        <translation>打开 GitHub 上的发布页面；SHA256SUMS 见仪表板</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Looking for the tools…</source>
        <translation>正在查找工具…</translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation>正在验证…</translation>
    </message>
    <message>
        <source>Runs {tool} once with a one-word prompt</source>
        <translation>用一个简短的提示词运行 {tool} 一次</translation>
    </message>
    <message>
        <source>Open the Tools tab</source>
        <translation>打开“工具”标签页</translation>
    </message>
    <message>
        <source>{tool}: {outcome}</source>
        <translation>{tool}：{outcome}</translation>
    </message>
    <message>
        <source>{tool} was not verified</source>
        <translation>{tool} 未进行验证</translation>
    </message>
</context>
<context>
    <name>UpdateChoice</name>
    <message>
        <source>&amp;Tell me when a new version is out (asks GitHub once a day; sends nothing about you)</source>
        <translation>有新版本时告诉我（每天询问 GitHub 一次；不发送任何关于您的信息）(&amp;T)</translation>
    </message>
    <message>
        <source>The app asks GitHub for its newest release: the request names the app and its version, nothing else. It never downloads or installs anything.</source>
        <translation>应用会向 GitHub 询问最新的发布版本：请求中只包含应用名称和版本号，别无其他。它从不下载或安装任何东西。</translation>
    </message>
</context>
<context>
    <name>UpdateLine</name>
    <message>
        <source>Dis&amp;miss</source>
        <translation>不再显示(&amp;M)</translation>
    </message>
    <message>
        <source>Stop showing this version (a later one is shown when it is out)</source>
        <translation>不再显示这个版本（更新的版本发布时会再显示）</translation>
    </message>
    <message>
        <source>What’s new</source>
        <translation>更新内容</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>SHA256SUMS</source>
        <translation>SHA256SUMS</translation>
    </message>
    <message>
        <source>Version {version} is available:</source>
        <translation>新版本 {version} 已发布：</translation>
    </message>
    <message>
        <source>Opens the release page on GitHub; the app does not install anything</source>
        <translation>打开 GitHub 上的发布页面；应用不会安装任何东西</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <source>Set up Alibaba Cloud Model Studio&apos;s Coding Plan on this computer.</source>
        <translation>在这台计算机上设置阿里云百炼 Coding Plan。</translation>
    </message>
    <message>
        <source>Your Coding Plan key kept safe, your coding tools set up, and what is left of your quota in the tray.</source>
        <translation>安全保管 Coding Plan 密钥，配置好您的编程工具，并在托盘中显示剩余额度。</translation>
    </message>
    <message>
        <source>In a few steps this app will:
• keep your plan key in the system keyring,
• check that the plan can be reached,
• set up your coding tools (Claude Code, Qwen Code, Cline, OpenCode and others), showing every change before it is made,
• then show from the tray how many requests are left.</source>
        <translation>只需几步，本应用将：
• 将您的套餐密钥保存在系统密钥库中；
• 检查能否连接到 Coding Plan 服务；
• 配置您的编程工具（Claude Code、Qwen Code、Cline、OpenCode 等），每项更改在执行之前都会先展示给您；
• 之后在托盘中显示剩余请求次数。</translation>
    </message>
    <message>
        <source>Before you start</source>
        <translation>开始之前</translation>
    </message>
    <message>
        <source>Coding Plan runs model inference globally: your inputs and outputs are transferred across borders. Make sure your use complies with the laws and regulations that apply to you.</source>
        <translation>Coding Plan 的模型推理在全球范围内进行，您的输入和输出将跨境传输。请确保您的使用符合适用于您的法律法规。</translation>
    </message>
    <message>
        <source>I have &amp;read and understood this notice</source>
        <translation>我已阅读并理解此声明(&amp;R)</translation>
    </message>
</context>
<context>
    <name>_Chart</name>
    <message>
        <source>now</source>
        <translation>现在</translation>
    </message>
</context>
<context>
    <name>_ToolRow</name>
    <message>
        <source>Copy command</source>
        <translation>复制命令</translation>
    </message>
    <message>
        <source>Copy {command}</source>
        <translation>复制 {command}</translation>
    </message>
</context>
<context>
    <name>alerts</name>
    <message>
        <source>5-hour window</source>
        <translation>5 小时窗口</translation>
    </message>
    <message>
        <source>Weekly quota</source>
        <translation>每周额度</translation>
    </message>
    <message>
        <source>Monthly quota</source>
        <translation>每月额度</translation>
    </message>
    <message>
        <source>{window}: {percent}% used</source>
        <translation>{window}：已使用 {percent}%</translation>
    </message>
    <message>
        <source>{remaining} of {limit} requests left.</source>
        <translation>共 {limit} 次请求，剩余 {remaining} 次。</translation>
    </message>
    <message>
        <source>{window}: used up</source>
        <translation>{window}：已用完</translation>
    </message>
    <message>
        <source>No requests left until it frees up again.</source>
        <translation>在额度恢复之前，已没有可用的请求。</translation>
    </message>
    <message>
        <source>{window}: requests are back</source>
        <translation>{window}：请求已恢复</translation>
    </message>
    <message>
        <source>{remaining} requests are available again.</source>
        <translation>又有 {remaining} 次请求可用了。</translation>
    </message>
    <message>
        <source>{remaining} of {limit} requests left: runs out around {time} ({in}) at this pace.</source>
        <translation>共 {limit} 次请求，剩余 {remaining} 次：按当前速度，约 {time}（{in}）用完。</translation>
    </message>
    <message>
        <source>No requests left: back at {time} ({in}).</source>
        <translation>已没有可用的请求：{time}（{in}）恢复。</translation>
    </message>
    <message>
        <source>Your Coding Plan ends on {date}, in {days} days.</source>
        <translation>您的 Coding Plan 将于 {date} 到期，还剩 {days} 天。</translation>
    </message>
    <message>
        <source>Your Coding Plan ends on {date}, in 1 day.</source>
        <translation>您的 Coding Plan 将于 {date} 到期，还剩 1 天。</translation>
    </message>
    <message>
        <source>Your Coding Plan ends on {date}, within a day.</source>
        <translation>您的 Coding Plan 将于 {date} 到期，剩余不到一天。</translation>
    </message>
    <message>
        <source>Renew it in the Coding Plan console to keep coding without a break.</source>
        <translation>请在 Coding Plan 控制台续费，以免编程中断。</translation>
    </message>
    <message>
        <source>Lite can no longer be renewed (Alibaba stopped new Lite plans and renewals on 13 April 2026): choose Pro in the console before it ends to keep coding.</source>
        <translation>Lite 已无法续费（阿里云自 2026 年 4 月 13 日起停止新购和续费 Lite）：请在到期前于控制台选购 Pro，以便继续编程。</translation>
    </message>
</context>
<context>
    <name>categories</name>
    <message>
        <source>Works</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Malformed key</source>
        <translation>密钥格式错误</translation>
    </message>
    <message>
        <source>Key rejected</source>
        <translation>密钥被拒绝</translation>
    </message>
    <message>
        <source>Wrong address for this key</source>
        <translation>密钥与地址不匹配</translation>
    </message>
    <message>
        <source>Wrong path</source>
        <translation>路径错误</translation>
    </message>
    <message>
        <source>Model not offered</source>
        <translation>不提供该模型</translation>
    </message>
    <message>
        <source>Coding tools only</source>
        <translation>仅限编程工具</translation>
    </message>
    <message>
        <source>5-hour quota used up</source>
        <translation>5 小时额度已用完</translation>
    </message>
    <message>
        <source>Weekly quota used up</source>
        <translation>每周额度已用完</translation>
    </message>
    <message>
        <source>Monthly quota used up</source>
        <translation>每月额度已用完</translation>
    </message>
    <message>
        <source>Too many requests at once</source>
        <translation>请求过于频繁</translation>
    </message>
    <message>
        <source>Network problem</source>
        <translation>网络问题</translation>
    </message>
    <message>
        <source>No answer in time</source>
        <translation>响应超时</translation>
    </message>
    <message>
        <source>Secure connection failed</source>
        <translation>安全连接失败</translation>
    </message>
    <message>
        <source>Proxy problem</source>
        <translation>代理问题</translation>
    </message>
    <message>
        <source>Server problem</source>
        <translation>服务器问题</translation>
    </message>
    <message>
        <source>Unexpected answer</source>
        <translation>意外响应</translation>
    </message>
    <message>
        <source>The tool asked for a login</source>
        <translation>工具要求登录</translation>
    </message>
    <message>
        <source>Not installed</source>
        <translation>未安装</translation>
    </message>
    <message>
        <source>Key not available</source>
        <translation>无法获取密钥</translation>
    </message>
    <message>
        <source>The tool failed</source>
        <translation>工具运行失败</translation>
    </message>
    <message>
        <source>Not set up yet</source>
        <translation>尚未配置</translation>
    </message>
    <message>
        <source>Set up for the plan</source>
        <translation>已配置 Coding Plan</translation>
    </message>
    <message>
        <source>Set up for another provider</source>
        <translation>已配置其他服务商</translation>
    </message>
    <message>
        <source>Changed since this app set it up</source>
        <translation>本应用配置后已被修改</translation>
    </message>
    <message>
        <source>Overridden by an environment variable</source>
        <translation>被环境变量覆盖</translation>
    </message>
    <message>
        <source>A settings file cannot be read</source>
        <translation>有设置文件无法读取</translation>
    </message>
    <message>
        <source>Needs attention: holds an older key</source>
        <translation>需要处理：保存的是旧密钥</translation>
    </message>
    <message>
        <source>Another tool</source>
        <translation>其他工具</translation>
    </message>
</context>
<context>
    <name>console</name>
    <message>
        <source>international site</source>
        <translation>国际站</translation>
    </message>
    <message>
        <source>China site</source>
        <translation>中国站</translation>
    </message>
    <message>
        <source>the bl command&apos;s login</source>
        <translation>bl 命令的登录</translation>
    </message>
    <message>
        <source>the AccessKey {masked}</source>
        <translation>AccessKey {masked}</translation>
    </message>
    <message>
        <source>{key} ({site})</source>
        <translation>{key}（{site}）</translation>
    </message>
    <message>
        <source>Not read yet</source>
        <translation>尚未读取</translation>
    </message>
    <message>
        <source>Last read {age} ({time})</source>
        <translation>上次读取：{age}（{time}）</translation>
    </message>
    <message>
        <source>Next read {in} ({time})</source>
        <translation>下次读取：{in}（{time}）</translation>
    </message>
    <message>
        <source>ends within a day</source>
        <translation>不到一天后到期</translation>
    </message>
    <message>
        <source>1 day left</source>
        <translation>剩余 1 天</translation>
    </message>
    <message>
        <source>{days} days left</source>
        <translation>剩余 {days} 天</translation>
    </message>
    <message>
        <source>The plan is valid until {date}, {left}</source>
        <translation>套餐有效期至 {date}，{left}</translation>
    </message>
    <message>
        <source>; it renews automatically</source>
        <translation>；会自动续费</translation>
    </message>
    <message>
        <source>; it does not renew by itself</source>
        <translation>；不会自动续费</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Open Keychain Access and check your login keychain.</source>
        <translation>请打开“钥匙串访问”，检查您的登录钥匙串。</translation>
    </message>
    <message>
        <source>Check that Windows Credential Manager is running.</source>
        <translation>请检查 Windows 凭据管理器是否正在运行。</translation>
    </message>
    <message>
        <source>Install and start a Secret Service provider (GNOME Keyring, KeePassXC or KWallet) in your desktop session, then try again.</source>
        <translation>请在桌面会话中安装并启动一个 Secret Service 提供程序（GNOME Keyring、KeePassXC 或 KWallet），然后重试。</translation>
    </message>
    <message>
        <source>No system keyring is available to hold the key.</source>
        <translation>没有可用于保存密钥的系统密钥库。</translation>
    </message>
    <message>
        <source>The system keyring ({keyring}) did not answer within {seconds} seconds.</source>
        <translation>系统密钥环（{keyring}）在 {seconds} 秒内没有响应。</translation>
    </message>
    <message>
        <source>Answer its unlock prompt if one is open; otherwise restart the keyring (log out and in again), then try again.</source>
        <translation>如果有解锁提示，请先回应它；否则请重启密钥环（注销后重新登录），然后重试。</translation>
    </message>
    <message>
        <source>The system keyring is locked, or its unlock prompt was dismissed.</source>
        <translation>系统密钥库已锁定，或其解锁提示被关闭。</translation>
    </message>
    <message>
        <source>Unlock your keyring (for example by logging in again), then try again.</source>
        <translation>请解锁密钥库（例如重新登录），然后重试。</translation>
    </message>
    <message>
        <source>The system keyring refused the request: {detail}</source>
        <translation>系统密钥库拒绝了请求：{detail}</translation>
    </message>
    <message>
        <source>Check that your keyring is unlocked and working, then try again.</source>
        <translation>请检查密钥库是否已解锁且工作正常，然后重试。</translation>
    </message>
    <message>
        <source>The system keyring ({keyring}) took the key but does not hold it.</source>
        <translation>系统密钥环（{keyring}）接受了密钥，但并没有保存它。</translation>
    </message>
    <message>
        <source>Use a keyring that keeps secrets (GNOME Keyring, KWallet or KeePassXC); check PYTHON_KEYRING_BACKEND if you set it.</source>
        <translation>请使用能保存机密的密钥环（GNOME Keyring、KWallet 或 KeePassXC）；如果设置了 PYTHON_KEYRING_BACKEND，请检查它。</translation>
    </message>
    <message>
        <source>No plan key is stored yet.</source>
        <translation>尚未保存套餐密钥。</translation>
    </message>
    <message>
        <source>Store it with &apos;codingplan key set&apos; or in the setup wizard.</source>
        <translation>请使用 &apos;codingplan key set&apos; 命令或在设置向导中保存密钥。</translation>
    </message>
    <message>
        <source>{host} is the address of Alibaba Cloud&apos;s Token Plan (metered in credits), not of the Coding Plan.</source>
        <translation>{host} 是阿里云 Token Plan（按额度计费）的地址，不是 Coding Plan 的地址。</translation>
    </message>
    <message>
        <source>Use the Coding Plan&apos;s address, {intl} (International) or {cn} (China), or leave the origin empty.</source>
        <translation>请使用 Coding Plan 的地址：{intl}（国际站）或 {cn}（中国站），或者将自定义地址留空。</translation>
    </message>
    <message>
        <source>{host} is the general pay-as-you-go Model Studio address; it does not take Coding Plan keys.</source>
        <translation>{host} 是百炼通用的按量付费地址，不接受 Coding Plan 密钥。</translation>
    </message>
    <message>
        <source>&apos;{url}&apos; has a user name or password in it.</source>
        <translation>“{url}”中含有用户名或密码。</translation>
    </message>
    <message>
        <source>Remove the part up to &apos;@&apos;: the plan key is the only credential the app sends.</source>
        <translation>请删除“@”及其之前的部分：本应用只发送套餐密钥这一种凭据。</translation>
    </message>
    <message>
        <source>&apos;{url}&apos; has no usable port.</source>
        <translation>“{url}”的端口无法使用。</translation>
    </message>
    <message>
        <source>Give a port from 1 to 65535 after the host, or none at all.</source>
        <translation>请在主机名后填写 1 到 65535 之间的端口，或者不填端口。</translation>
    </message>
    <message>
        <source>&apos;{url}&apos; holds something shaped like a key.</source>
        <translation>“{url}”中含有看起来像密钥的内容。</translation>
    </message>
    <message>
        <source>Give the address alone; store the key with &apos;codingplan key set&apos; or in the app.</source>
        <translation>请只填写地址；密钥请用“codingplan key set”或在应用中保存。</translation>
    </message>
    <message>
        <source>&apos;{url}&apos; is not a usable origin.</source>
        <translation>&apos;{url}&apos; 不是可用的源地址。</translation>
    </message>
    <message>
        <source>Give a host name, or an IPv6 address alone in brackets, then at most a port: https://[::1]:8443.</source>
        <translation>请给出主机名，或仅用方括号括起的 IPv6 地址，后面最多加一个端口：https://[::1]:8443。</translation>
    </message>
    <message>
        <source>Give a full http:// or https:// address, such as https://gw.example.com.</source>
        <translation>请填写以 http:// 或 https:// 开头的完整地址，例如 https://gw.example.com。</translation>
    </message>
    <message>
        <source>&apos;{url}&apos; has a space or an invisible character in it.</source>
        <translation>“{url}”中含有空格或不可见字符。</translation>
    </message>
    <message>
        <source>Type or paste the address again, without spaces.</source>
        <translation>请重新输入或粘贴地址，不要带空格。</translation>
    </message>
    <message>
        <source>Remove the part after &apos;?&apos; or &apos;#&apos;.</source>
        <translation>请删除 &apos;?&apos; 或 &apos;#&apos; 之后的部分。</translation>
    </message>
    <message>
        <source>&apos;{url}&apos; already ends in a protocol path.</source>
        <translation>&apos;{url}&apos; 的末尾已包含协议路径。</translation>
    </message>
    <message>
        <source>Give the origin only, without &apos;{suffix}&apos;: the app adds the paths.</source>
        <translation>请只填写源地址，不要包含 &apos;{suffix}&apos;：本应用会自动添加路径。</translation>
    </message>
    <message>
        <source>&apos;{url}&apos; would send the plan key unencrypted (plain http://) to another computer.</source>
        <translation>“{url}”会把套餐密钥以未加密的方式（明文 http://）发送到另一台计算机。</translation>
    </message>
    <message>
        <source>Use https://; to send it unencrypted anyway (a gateway on a network you trust), add --allow-insecure-origin or set CODINGPLAN_ALLOW_INSECURE_ORIGIN=1.</source>
        <translation>请使用 https://；如果仍要以未加密方式发送（例如您信任的网络中的网关），请加上 --allow-insecure-origin 或设置 CODINGPLAN_ALLOW_INSECURE_ORIGIN=1。</translation>
    </message>
    <message>
        <source>The plan has no model &apos;{model}&apos;.</source>
        <translation>套餐中没有模型 &apos;{model}&apos;。</translation>
    </message>
    <message>
        <source>Model ids are case-sensitive: use &apos;{right}&apos;.</source>
        <translation>模型 ID 区分大小写：请使用 &apos;{right}&apos;。</translation>
    </message>
    <message>
        <source>Choose one of: {choices}.</source>
        <translation>请从以下选项中选择一个：{choices}。</translation>
    </message>
    <message>
        <source>Did you mean &apos;{right}&apos;?</source>
        <translation>您是不是想输入 &apos;{right}&apos;？</translation>
    </message>
    <message>
        <source>What was given is too long to be a key (over {limit} characters).</source>
        <translation>输入的内容太长，不可能是密钥（超过 {limit} 个字符）。</translation>
    </message>
    <message>
        <source>Pipe in the key alone, or type it at the prompt.</source>
        <translation>请只通过管道传入密钥，或在提示处输入。</translation>
    </message>
    <message>
        <source>No key was given.</source>
        <translation>未提供密钥。</translation>
    </message>
    <message>
        <source>Paste the plan key from the Coding Plan console.</source>
        <translation>请粘贴 Coding Plan 控制台中的套餐密钥。</translation>
    </message>
    <message>
        <source>The key contains a space or line break.</source>
        <translation>密钥中包含空格或换行符。</translation>
    </message>
    <message>
        <source>Copy the whole key again, as one piece without spaces.</source>
        <translation>请重新复制完整的密钥，确保其为一整段且不含空格。</translation>
    </message>
    <message>
        <source>The key contains invisible control characters.</source>
        <translation>密钥中包含不可见的控制字符。</translation>
    </message>
    <message>
        <source>Copy the key again from the Coding Plan console.</source>
        <translation>请从 Coding Plan 控制台重新复制密钥。</translation>
    </message>
    <message>
        <source>This is a general Model Studio key (sk-…), not a Coding Plan key (sk-sp-…).</source>
        <translation>这是百炼通用 API 密钥（sk-…），不是 Coding Plan 套餐密钥（sk-sp-…）。</translation>
    </message>
    <message>
        <source>The plan has its own key: open the Coding Plan page of the console and copy the key that starts with sk-sp-.</source>
        <translation>套餐有专属的密钥：请打开控制台的 Coding Plan 页面，复制以 sk-sp- 开头的密钥。</translation>
    </message>
    <message>
        <source>Coding Plan keys start with &apos;sk-sp-&apos;.</source>
        <translation>Coding Plan 套餐密钥以 &apos;sk-sp-&apos; 开头。</translation>
    </message>
    <message>
        <source>Copy the key from the Coding Plan page of the console.</source>
        <translation>请从控制台的 Coding Plan 页面复制密钥。</translation>
    </message>
    <message>
        <source>The key ends right after &apos;sk-sp-&apos;.</source>
        <translation>密钥在 &apos;sk-sp-&apos; 之后就结束了。</translation>
    </message>
    <message>
        <source>Copy the whole key: part of it is missing.</source>
        <translation>请复制完整的密钥：当前缺少一部分。</translation>
    </message>
    <message>
        <source>The key has characters a plan key never has (only letters, digits, - and _).</source>
        <translation>密钥中包含套餐密钥不会出现的字符（套餐密钥只含字母、数字、- 和 _）。</translation>
    </message>
    <message>
        <source>The key is cut short: it has only {count} characters after &apos;sk-sp-&apos;, too few for a plan key.</source>
        <translation>密钥不完整：&apos;sk-sp-&apos; 之后只有 {count} 个字符，不足以构成套餐密钥。</translation>
    </message>
    <message>
        <source>Copy the whole key again from the Coding Plan console.</source>
        <translation>请从 Coding Plan 控制台重新复制完整的密钥。</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a valid value for {name}.</source>
        <translation>&apos;{value}&apos; 不是 {name} 的有效值。</translation>
    </message>
    <message>
        <source>Expected {expected}.</source>
        <translation>应为 {expected}。</translation>
    </message>
    <message>
        <source>The settings file {path} cannot be read: {reason}.</source>
        <translation>无法读取设置文件 {path}：{reason}。</translation>
    </message>
    <message>
        <source>Move it away (the app then starts from default settings), then try again.</source>
        <translation>请将它移走（应用随后使用默认设置），然后重试。</translation>
    </message>
    <message>
        <source>Check the file&apos;s permissions.</source>
        <translation>请检查该文件的权限。</translation>
    </message>
    <message>
        <source>The settings file was damaged ({where}) and has been moved to {aside}.</source>
        <translation>设置文件已损坏（{where}），已被移至 {aside}。</translation>
    </message>
    <message>
        <source>Default settings are in use; set your choices again.</source>
        <translation>当前使用默认设置；请重新设置您的选项。</translation>
    </message>
    <message>
        <source>Some settings had values this app cannot use ({names}).</source>
        <translation>部分设置的值无法被本应用使用（{names}）。</translation>
    </message>
    <message>
        <source>Those settings are back to their defaults; the old file is kept at {aside}.</source>
        <translation>这些设置已改回默认值；旧文件保存在 {aside}。</translation>
    </message>
    <message>
        <source>The settings could not be saved to {path}: {reason}.</source>
        <translation>无法将设置保存到 {path}：{reason}。</translation>
    </message>
    <message>
        <source>Free some disk space or check the folder&apos;s permissions.</source>
        <translation>请清理磁盘空间，或检查该文件夹的权限。</translation>
    </message>
    <message>
        <source>There is no setting called &apos;{name}&apos;.</source>
        <translation>没有名为 &apos;{name}&apos; 的设置项。</translation>
    </message>
    <message>
        <source>Settings: {names}.</source>
        <translation>设置项：{names}。</translation>
    </message>
    <message>
        <source>The usage ledger was damaged and has been moved to {aside}.</source>
        <translation>用量台账已损坏，已被移至 {aside}。</translation>
    </message>
    <message>
        <source>It was rebuilt from the coding tools&apos; own records; requests whose records the tools have since deleted, and console readings you entered, are missing.</source>
        <translation>已根据各编程工具自身的记录重新生成；工具此后已删除其记录的请求，以及您填入的控制台读数，均已丢失。</translation>
    </message>
    <message>
        <source>{path} was not a usage ledger of this app; it has been moved to {aside}.</source>
        <translation>{path} 不是本应用的用量账本，已被移到 {aside}。</translation>
    </message>
    <message>
        <source>A new ledger was started from the coding tools&apos; own records.</source>
        <translation>已根据各编程工具自己的记录重新建立了用量账本。</translation>
    </message>
    <message>
        <source>The usage ledger {path} was written by a newer version of this app; it is left as it is, and the estimate is counted from the coding tools&apos; records alone.</source>
        <translation>用量账本 {path} 由本应用的更新版本写入；它将保持原样，估算仅根据各编程工具的记录统计。</translation>
    </message>
    <message>
        <source>Update the app to see the whole history.</source>
        <translation>请更新本应用以查看完整历史。</translation>
    </message>
    <message>
        <source>The usage ledger {path} is held by another program; the estimate is counted from the coding tools&apos; records alone.</source>
        <translation>用量账本 {path} 正被另一个程序占用；估算仅根据各编程工具的记录统计。</translation>
    </message>
    <message>
        <source>Close the other program (an sqlite3 shell, for example), then start this one again.</source>
        <translation>请关闭那个程序（例如 sqlite3 命令行），然后重新启动本应用。</translation>
    </message>
    <message>
        <source>The usage ledger {path} cannot be used ({reason}); the estimate is counted from the coding tools&apos; records alone, and nothing is kept.</source>
        <translation>用量账本 {path} 无法使用（{reason}）；估算仅根据各编程工具的记录统计，且不会保存任何内容。</translation>
    </message>
    <message>
        <source>Move {path} out of the way or make its folder writable; requests whose records the tools have deleted, and console readings, are missing until then.</source>
        <translation>请把 {path} 移到别处，或让其所在文件夹可写；在此之前，工具已删除记录的请求以及您录入的控制台读数都不会计入。</translation>
    </message>
    <message>
        <source>The usage ledger {path} has been held by another program for over {seconds} seconds, so nothing could be saved to it.</source>
        <translation>用量账本 {path} 已被另一个程序占用超过 {seconds} 秒，因此无法写入任何内容。</translation>
    </message>
    <message>
        <source>Close the other program (an sqlite3 shell with an open transaction, for example), then try again.</source>
        <translation>请关闭那个程序（例如开着事务的 sqlite3 命令行），然后重试。</translation>
    </message>
    <message>
        <source>The usage ledger {path} could not be used: {reason}.</source>
        <translation>用量账本 {path} 无法使用：{reason}。</translation>
    </message>
    <message>
        <source>Check the disk and the folder&apos;s permissions, then try again.</source>
        <translation>请检查磁盘和该文件夹的权限，然后重试。</translation>
    </message>
    <message>
        <source>{tool} would get the key from the system keyring, which cannot be used: {reason}</source>
        <translation>{tool} 需要从系统密钥库获取密钥，但系统密钥库当前无法使用：{reason}</translation>
    </message>
    <message>
        <source>Fix the keyring, or use key mode &apos;inline&apos; (--key-mode inline): the key is then kept in {tool}&apos;s own file, readable only by you.</source>
        <translation>请修复系统密钥库，或改用“inline”密钥模式（--key-mode inline）：密钥将保存在 {tool} 自己的文件中，仅您本人可读。</translation>
    </message>
    <message>
        <source>The app&apos;s launcher for the coding tools cannot be written to {path}: {reason}.</source>
        <translation>无法将供编程工具使用的本应用启动器写入 {path}：{reason}。</translation>
    </message>
    <message>
        <source>Check the folder&apos;s permissions and free disk space.</source>
        <translation>请检查该文件夹的权限和可用磁盘空间。</translation>
    </message>
    <message>
        <source>The login entry {where} could not be changed: {reason}.</source>
        <translation>无法更改登录启动项 {where}：{reason}。</translation>
    </message>
    <message>
        <source>Check that folder&apos;s permissions, then try again.</source>
        <translation>请检查该文件夹的权限，然后重试。</translation>
    </message>
    <message>
        <source>The app&apos;s data folder {folder} cannot be used ({reason}): it holds your usage history, and the backups of your tool files ({backups}) that revert needs.</source>
        <translation>应用的数据文件夹 {folder} 无法使用（{reason}）：其中保存着你的用量历史，以及还原所需的工具文件备份（{backups}）。</translation>
    </message>
    <message>
        <source>Give the folder back to yourself ({command}), then try again.</source>
        <translation>请恢复你对该文件夹的权限（{command}），然后重试。</translation>
    </message>
    <message>
        <source>The used count cannot be negative: enter the number of requests the console shows as used.</source>
        <translation>已用次数不能为负数：请填入控制台显示的已用请求次数。</translation>
    </message>
    <message>
        <source>The total must be more than 0: enter the total the console shows.</source>
        <translation>总量必须大于 0：请填入控制台显示的总量。</translation>
    </message>
    <message>
        <source>A total of {total:,} is impossible: no plan has more than {most:,} requests in this window.</source>
        <translation>总量 {total:,} 不可能：没有任何套餐在此窗口中超过 {most:,} 次请求。</translation>
    </message>
    <message>
        <source>{used:,} used is more than the total of {total:,}: check both numbers.</source>
        <translation>已用 {used:,} 超过了总量 {total:,}：请检查这两个数字。</translation>
    </message>
    <message>
        <source>{used:,} used is more than any plan has in this window ({most:,}): check the number.</source>
        <translation>已用 {used:,} 超过了任何套餐在此窗口的额度（{most:,}）：请检查数字。</translation>
    </message>
    <message>
        <source>{used:,} used is more than the {limit:,} requests of your {tier} plan: check the number, or enter the console&apos;s total too (or set your tier).</source>
        <translation>已用 {used:,} 超过了您的 {tier} 套餐的 {limit:,} 次请求：请检查数字，或同时填入控制台显示的总量（或设置您的套餐）。</translation>
    </message>
    <message>
        <source>A reading from {at} is too old to change anything: it counts calls made before the current periods began. Enter one shown since {start}.</source>
        <translation>{at} 的读数太旧，改变不了任何数字：它计的是当前周期开始之前的调用。请输入 {start} 之后显示的读数。</translation>
    </message>
    <message>
        <source>That is a Model Studio key (sk-…), not an AccessKey: the console needs the AccessKey ID and secret of a RAM user.</source>
        <translation>这是百炼的 API 密钥（sk-…），不是 AccessKey：控制台需要 RAM 用户的 AccessKey ID 和 AccessKey Secret。</translation>
    </message>
    <message>
        <source>The AccessKey ID is empty.</source>
        <translation>AccessKey ID 为空。</translation>
    </message>
    <message>
        <source>The AccessKey ID should be 8 to 128 letters, digits, dots or dashes, without spaces.</source>
        <translation>AccessKey ID 应为 8 到 128 个字母、数字、点或短横线，不含空格。</translation>
    </message>
    <message>
        <source>The AccessKey secret is empty.</source>
        <translation>AccessKey Secret 为空。</translation>
    </message>
    <message>
        <source>The AccessKey secret should be 8 to 128 visible characters, without spaces.</source>
        <translation>AccessKey Secret 应为 8 到 128 个可见字符，不含空格。</translation>
    </message>
    <message>
        <source>The AccessKey secret is the same as its ID: copy the secret itself.</source>
        <translation>AccessKey Secret 与 ID 相同：请复制 Secret 本身。</translation>
    </message>
    <message>
        <source>The STS token should be visible characters only, without spaces, at most 8192 of them.</source>
        <translation>STS Token 只能包含可见字符，不含空格，最多 8192 个。</translation>
    </message>
    <message>
        <source>The site should be &apos;international&apos; or &apos;domestic&apos;.</source>
        <translation>站点应为“international”（国际站）或“domestic”（中国站）。</translation>
    </message>
    <message>
        <source>This AccessKey may not sign in to the console: its RAM user lacks the permission modelstudio:GenerateCLIAccessToken.</source>
        <translation>此 AccessKey 无法登录控制台：其 RAM 用户缺少 modelstudio:GenerateCLIAccessToken 权限。</translation>
    </message>
    <message>
        <source>In the RAM console, attach this policy to the user (paste it in the JSON editor: the visual editor does not list this action), then try again.</source>
        <translation>请在 RAM 控制台为该用户授予此策略（在脚本编辑器中粘贴 JSON：可视化编辑器中没有这个操作），然后重试。</translation>
    </message>
    <message>
        <source>Alibaba Cloud does not know this AccessKey ID, or it is disabled.</source>
        <translation>阿里云找不到此 AccessKey ID，或它已被禁用。</translation>
    </message>
    <message>
        <source>Check the AccessKey in the RAM console (or create a new one for the RAM user), then log in to the console again.</source>
        <translation>请在 RAM 控制台检查该 AccessKey（或为 RAM 用户新建一个），然后重新登录控制台。</translation>
    </message>
    <message>
        <source>The console refused the request&apos;s signature: this computer&apos;s clock is {minutes} min ahead of the console&apos;s.</source>
        <translation>控制台拒绝了请求签名：这台电脑的时钟比控制台快 {minutes} 分钟。</translation>
    </message>
    <message>
        <source>The console refused the request&apos;s signature: this computer&apos;s clock is {minutes} min behind the console&apos;s.</source>
        <translation>控制台拒绝了请求签名：这台电脑的时钟比控制台慢 {minutes} 分钟。</translation>
    </message>
    <message>
        <source>Set the clock to the right time (turn on automatic time), then try again.</source>
        <translation>请将时钟调到正确时间（开启自动设置时间），然后重试。</translation>
    </message>
    <message>
        <source>The console refused the request&apos;s signature: the AccessKey secret does not match its ID.</source>
        <translation>控制台拒绝了请求签名：AccessKey Secret 与其 ID 不匹配。</translation>
    </message>
    <message>
        <source>Log in to the console again with the secret shown when the AccessKey was created (or create a new AccessKey), and check that this computer&apos;s clock is right.</source>
        <translation>请使用创建 AccessKey 时显示的 Secret 重新登录控制台（或新建一个 AccessKey），并确认这台电脑的时钟准确。</translation>
    </message>
    <message>
        <source>The console refused the STS token: it has expired or belongs to another AccessKey.</source>
        <translation>控制台拒绝了 STS Token：它已过期，或属于另一个 AccessKey。</translation>
    </message>
    <message>
        <source>Log in to the console again with a fresh STS token, or with a permanent AccessKey of a RAM user.</source>
        <translation>请使用新的 STS Token，或 RAM 用户的长期 AccessKey 重新登录控制台。</translation>
    </message>
    <message>
        <source>The console did not accept its sign-in, even one made just now.</source>
        <translation>控制台不接受登录凭证，即使是刚刚获取的。</translation>
    </message>
    <message>
        <source>Check the site the account is on (International or China) and log in to the console again with it.</source>
        <translation>请确认账号所在的站点（国际站或中国站），并以该站点重新登录控制台。</translation>
    </message>
    <message>
        <source>The console sign-in of Alibaba&apos;s bl command has expired.</source>
        <translation>阿里云 bl 命令的控制台登录已过期。</translation>
    </message>
    <message>
        <source>Run &apos;bl auth login --console&apos; again, or log in to the console here with an AccessKey, which does not expire.</source>
        <translation>请重新运行“bl auth login --console”，或在这里用 AccessKey 登录控制台（AccessKey 不会过期）。</translation>
    </message>
    <message>
        <source>The AccessKey&apos;s RAM user is not a member of the Model Studio workspace.</source>
        <translation>该 AccessKey 的 RAM 用户不是百炼业务空间的成员。</translation>
    </message>
    <message>
        <source>In the Model Studio console, add the RAM user to the workspace&apos;s members, then try again.</source>
        <translation>请在百炼控制台将该 RAM 用户添加为业务空间成员，然后重试。</translation>
    </message>
    <message>
        <source>The AccessKey&apos;s RAM user lacks a permission in the Model Studio workspace: {permission}.</source>
        <translation>该 AccessKey 的 RAM 用户在百炼业务空间中缺少权限：{permission}。</translation>
    </message>
    <message>
        <source>In the Model Studio console, give the RAM user that permission in the workspace, then try again.</source>
        <translation>请在百炼控制台为该 RAM 用户授予业务空间中的这项权限，然后重试。</translation>
    </message>
    <message>
        <source>The console shows no Coding Plan on this account.</source>
        <translation>控制台显示此账号没有 Coding Plan。</translation>
    </message>
    <message>
        <source>Check that the AccessKey belongs to the account that bought the plan, and the site it was bought on (International or China).</source>
        <translation>请确认该 AccessKey 属于购买套餐的账号，以及套餐购买所在的站点（国际站或中国站）。</translation>
    </message>
    <message>
        <source>This account&apos;s Coding Plan is no longer valid (the console says {statuses}).</source>
        <translation>此账号的 Coding Plan 已失效（控制台显示 {statuses}）。</translation>
    </message>
    <message>
        <source>Buy or renew a plan in the Coding Plan console, or log in with an AccessKey of the account that holds your current plan.</source>
        <translation>请在 Coding Plan 控制台购买或续费套餐，或使用持有当前套餐的账号的 AccessKey 登录。</translation>
    </message>
    <message>
        <source>The console did not answer within {seconds} seconds.</source>
        <translation>控制台在 {seconds} 秒内没有响应。</translation>
    </message>
    <message>
        <source>Check your internet connection, then try again.</source>
        <translation>请检查网络连接，然后重试。</translation>
    </message>
    <message>
        <source>The console&apos;s address sent the request elsewhere ({location}).</source>
        <translation>控制台地址把请求转到了别处（{location}）。</translation>
    </message>
    <message>
        <source>A network sign-in page or a proxy may be in the way: sign in to the network or check the proxy, then try again.</source>
        <translation>可能有网络登录页面或代理在中间拦截：请先登录网络或检查代理，然后重试。</translation>
    </message>
    <message>
        <source>The console at {host} could not be reached.</source>
        <translation>无法连接到控制台 {host}。</translation>
    </message>
    <message>
        <source>Check your internet connection and proxy settings, then try again.</source>
        <translation>请检查网络连接和代理设置，然后重试。</translation>
    </message>
    <message>
        <source>The console answered with an error (HTTP {status}).</source>
        <translation>控制台返回了错误（HTTP {status}）。</translation>
    </message>
    <message>
        <source>Try again in a few minutes.</source>
        <translation>请几分钟后重试。</translation>
    </message>
    <message>
        <source>The console refused the request ({console_code}).</source>
        <translation>控制台拒绝了请求（{console_code}）。</translation>
    </message>
    <message>
        <source>Try again later; the console&apos;s own words are under Details.</source>
        <translation>请稍后重试；控制台的原始信息见“详细信息”。</translation>
    </message>
    <message>
        <source>The console&apos;s answer was not in the form this app reads.</source>
        <translation>控制台的响应格式不是本应用能读取的格式。</translation>
    </message>
    <message>
        <source>Try again later; if it keeps happening, the console may have changed: look for a newer version of this app.</source>
        <translation>请稍后重试；如果一直这样，可能是控制台有了变化：请查看本应用是否有新版本。</translation>
    </message>
    <message>
        <source>No AccessKey for the plan&apos;s console is stored.</source>
        <translation>尚未保存用于套餐控制台的 AccessKey。</translation>
    </message>
    <message>
        <source>Add one with &apos;codingplan console login&apos; or in the app&apos;s Key tab.</source>
        <translation>请用“codingplan console login”或在应用的“密钥”标签页中添加。</translation>
    </message>
    <message>
        <source>Copy the AccessKey ID and secret again from the RAM console (the secret is shown only when the AccessKey is created) and log in again.</source>
        <translation>请从 RAM 控制台重新复制 AccessKey ID 和 Secret（Secret 仅在创建 AccessKey 时显示），然后重新登录。</translation>
    </message>
    <message>
        <source>The AccessKey stored for the console could not be read.</source>
        <translation>无法读取为控制台保存的 AccessKey。</translation>
    </message>
    <message>
        <source>Log in to the console again to store it anew.</source>
        <translation>请重新登录控制台，以重新保存。</translation>
    </message>
    <message>
        <source>&apos;{url}&apos; would reach the plan&apos;s console unencrypted (plain http://) on another computer.</source>
        <translation>“{url}”会以未加密的方式（明文 http://）访问另一台电脑上的套餐控制台。</translation>
    </message>
    <message>
        <source>Use an https:// address, or http:// only on this computer (127.0.0.1), in CODINGPLAN_CONSOLE_ORIGIN.</source>
        <translation>请在 CODINGPLAN_CONSOLE_ORIGIN 中使用 https:// 地址，http:// 仅限本机（127.0.0.1）。</translation>
    </message>
    <message>
        <source>This copy of the app comes from {manager}, which keeps it up to date.</source>
        <translation>此应用由 {manager} 安装，并由它负责更新。</translation>
    </message>
    <message>
        <source>Update it with {manager}.</source>
        <translation>请用 {manager} 更新。</translation>
    </message>
    <message>
        <source>Alibaba&apos;s bl command holds no console sign-in in {path}.</source>
        <translation>阿里云 bl 命令的配置 {path} 中没有控制台登录。</translation>
    </message>
    <message>
        <source>Run &apos;bl auth login --console&apos; first, or log in to the console with an AccessKey.</source>
        <translation>请先运行 &apos;bl auth login --console&apos;，或用 AccessKey 登录控制台。</translation>
    </message>
</context>
<context>
    <name>glance</name>
    <message>
        <source>Used up</source>
        <translation>已用完</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>统计中…</translation>
    </message>
    <message>
        <source>today {time}</source>
        <translation>今天 {time}</translation>
    </message>
    <message>
        <source>tomorrow {time}</source>
        <translation>明天 {time}</translation>
    </message>
    <message>
        <source>yesterday {time}</source>
        <translation>昨天 {time}</translation>
    </message>
    <message>
        <source>{day} {time}</source>
        <translation>{day} {time}</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours} 小时</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} 小时 {minutes} 分钟</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <source>{span} ago</source>
        <translation>{span}前</translation>
    </message>
    <message>
        <source>in {span}</source>
        <translation>{span}后</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 天</translation>
    </message>
    <message>
        <source>{days} days</source>
        <translation>{days} 天</translation>
    </message>
    <message>
        <source>when requests come back is not known</source>
        <translation>不知道何时恢复</translation>
    </message>
    <message>
        <source>back at {time} ({in}), as the plan&apos;s answer said</source>
        <translation>{time}（{in}）恢复，依据套餐的答复</translation>
    </message>
    <message>
        <source>1 request back at {time} ({in})</source>
        <translation>{time}（{in}）恢复 1 次</translation>
    </message>
    <message>
        <source>{count} requests back at {time} ({in})</source>
        <translation>{time}（{in}）恢复 {count} 次</translation>
    </message>
    <message>
        <source>{count} by {time}</source>
        <translation>{time} 前共 {count} 次</translation>
    </message>
    <message>
        <source>Nothing to come back: none used in the last 5 hours</source>
        <translation>没有待恢复的请求：过去 5 小时内未使用</translation>
    </message>
    <message>
        <source>+{count} back {when}</source>
        <translation>恢复 +{count}：{when}</translation>
    </message>
    <message>
        <source>Resets {when}, as the plan&apos;s answer said</source>
        <translation>重置：{when}，依据套餐的答复</translation>
    </message>
    <message>
        <source>Resets {when}</source>
        <translation>重置：{when}</translation>
    </message>
    <message>
        <source>{used} used</source>
        <translation>已用 {used}</translation>
    </message>
    <message>
        <source>{left} of {limit} left</source>
        <translation>剩余 {left} / {limit}</translation>
    </message>
    <message>
        <source>On an even pace for this week</source>
        <translation>本周用量与均匀节奏持平</translation>
    </message>
    <message>
        <source>On an even pace for this month</source>
        <translation>本月用量与均匀节奏持平</translation>
    </message>
    <message>
        <source>{percent} in deficit against an even pace for this week</source>
        <translation>本周比均匀用量超支 {percent}</translation>
    </message>
    <message>
        <source>{percent} in deficit against an even pace for this month</source>
        <translation>本月比均匀用量超支 {percent}</translation>
    </message>
    <message>
        <source>{percent} in reserve against an even pace for this week</source>
        <translation>本周比均匀用量结余 {percent}</translation>
    </message>
    <message>
        <source>{percent} in reserve against an even pace for this month</source>
        <translation>本月比均匀用量结余 {percent}</translation>
    </message>
    <message>
        <source>runs out {in} · {time}</source>
        <translation>{in}用完 · {time}</translation>
    </message>
    <message>
        <source>The plan&apos;s own reading ({when}) is older than this window: the figure is estimated from the records again.</source>
        <translation>套餐自己的读数（{when}）早于此窗口：数字重新根据记录估算。</translation>
    </message>
    <message>
        <source>From the plan, {age}</source>
        <translation>来自套餐，{age}</translation>
    </message>
    <message>
        <source>The system keyring cannot be used: see the Key tab.</source>
        <translation>无法使用系统密钥库：请查看“密钥”标签页。</translation>
    </message>
    <message>
        <source>Store your key first: the test sends it to the plan.</source>
        <translation>请先保存密钥：测试会将它发送给套餐。</translation>
    </message>
    <message>
        <source>Choose your plan first: a reading is checked against its limits.</source>
        <translation>请先选择套餐：读数需要对照其额度检查。</translation>
    </message>
    <message>
        <source>Counting: older records are still being read</source>
        <translation>统计中：仍在读取较早的记录</translation>
    </message>
    <message>
        <source>The forecast follows once every record is read.</source>
        <translation>读完全部记录后给出预测。</translation>
    </message>
    <message>
        <source>At the last hour&apos;s rate ({rate} requests an hour), {window} runs out {when}.</source>
        <translation>按最近一小时的速度（每小时 {rate} 次请求），{window}将用完：{when}。</translation>
    </message>
    <message>
        <source>At the last day&apos;s rate ({rate} requests an hour), {window} runs out {when}.</source>
        <translation>按最近一天的速度（每小时 {rate} 次请求），{window}将用完：{when}。</translation>
    </message>
    <message>
        <source>At the last week&apos;s rate ({rate} requests an hour), {window} runs out {when}.</source>
        <translation>按最近一周的速度（每小时 {rate} 次请求），{window}将用完：{when}。</translation>
    </message>
    <message>
        <source>The plan refused a call as over quota, then served one again: the estimate follows what it served.</source>
        <translation>套餐曾以超出配额拒绝调用，之后又再次响应：估算以它的实际响应为准。</translation>
    </message>
    <message>
        <source>Calibrated from the 5-hour reading</source>
        <translation>根据 5 小时读数校准</translation>
    </message>
    <message>
        <source>Calibrated {age}</source>
        <translation>{age}校准</translation>
    </message>
    <message>
        <source>At least: the plan refused a call {when}</source>
        <translation>至少：套餐在 {when} 拒绝了调用</translation>
    </message>
    <message>
        <source>At least</source>
        <translation>至少</translation>
    </message>
    <message>
        <source>From the plan&apos;s answer</source>
        <translation>依据套餐的答复</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>已计数</translation>
    </message>
    <message>
        <source>choose your plan</source>
        <translation>选择套餐</translation>
    </message>
    <message>
        <source>store your key</source>
        <translation>保存密钥</translation>
    </message>
    <message>
        <source>Set-up needed: {steps}</source>
        <translation>需要完成设置：{steps}</translation>
    </message>
    <message>
        <source>{window}: {state}</source>
        <translation>{window}：{state}</translation>
    </message>
    <message>
        <source>the 5-hour window</source>
        <translation>5 小时窗口</translation>
    </message>
    <message>
        <source>this week&apos;s quota</source>
        <translation>本周配额</translation>
    </message>
    <message>
        <source>this month&apos;s quota</source>
        <translation>本月配额</translation>
    </message>
    <message>
        <source>Used up: {windows}.</source>
        <translation>已用完：{windows}。</translation>
    </message>
    <message>
        <source>Used up: {windows}. Work can resume {when}.</source>
        <translation>已用完：{windows}。可恢复使用：{when}。</translation>
    </message>
    <message>
        <source>At the recent rate, no window runs out before it frees up again.</source>
        <translation>按最近的速度，没有窗口会在恢复之前用完。</translation>
    </message>
</context>
<context>
    <name>probe</name>
    <message>
        <source>The plan answered: the key, address and model work.</source>
        <translation>套餐服务已响应：密钥、地址和模型均正常。</translation>
    </message>
    <message>
        <source>The plan rejected the key (401: invalid access token or token expired).</source>
        <translation>套餐服务拒绝了密钥（401: invalid access token or token expired）。</translation>
    </message>
    <message>
        <source>Check that this is the Coding Plan key (sk-sp-…), copied whole, that your subscription is active, and that the key belongs to this region: a key from the China console works only with the China address, and the reverse. A Token Plan key also starts with sk-sp- but works only at the Token Plan&apos;s own addresses.</source>
        <translation>请确认这是 Coding Plan 的密钥（sk-sp-…）且复制完整、订阅仍然有效，并且密钥属于此地域：中国站控制台的密钥只能用于中国站地址，反之亦然。Token Plan 的密钥同样以 sk-sp- 开头，但只能用于 Token Plan 自己的地址。</translation>
    </message>
    <message>
        <source>The server refused the key (403: invalid api-key).</source>
        <translation>服务器拒绝了密钥（403: invalid api-key）。</translation>
    </message>
    <message>
        <source>Plan keys (sk-sp-…) work only at the plan&apos;s own address, such as {expected}; the general Model Studio address does not take them, and the plan&apos;s address does not take general keys.</source>
        <translation>套餐密钥（sk-sp-…）只能用于套餐专属地址，例如 {expected}；百炼通用地址不接受套餐密钥，套餐地址也不接受通用密钥。</translation>
    </message>
    <message>
        <source>Nothing is at this address (404).</source>
        <translation>此地址不存在（404）。</translation>
    </message>
    <message>
        <source>The path is wrong. Use {openai_base} for OpenAI-compatible tools and {anthropic_base} for Anthropic-compatible ones.</source>
        <translation>路径错误。OpenAI 兼容工具请使用 {openai_base}，Anthropic 兼容工具请使用 {anthropic_base}。</translation>
    </message>
    <message>
        <source>The plan does not offer the model &apos;{model}&apos;.</source>
        <translation>套餐不提供模型 &apos;{model}&apos;。</translation>
    </message>
    <message>
        <source>Model ids are case-sensitive and take no spaces: use &apos;{right}&apos;.</source>
        <translation>模型 ID 区分大小写且不含空格：请使用 &apos;{right}&apos;。</translation>
    </message>
    <message>
        <source>The plan does not offer the model &apos;{model}&apos; on this subscription.</source>
        <translation>您当前订阅的套餐不提供模型 &apos;{model}&apos;。</translation>
    </message>
    <message>
        <source>&apos;{model}&apos; is available to Pro subscribers only.</source>
        <translation>&apos;{model}&apos; 仅供 Pro 订阅用户使用。</translation>
    </message>
    <message>
        <source>Choose a model the plan offers, such as qwen3-coder-plus.</source>
        <translation>请选择套餐提供的模型，例如 qwen3-coder-plus。</translation>
    </message>
    <message>
        <source>The plan refused the request: it serves only coding tools (405).</source>
        <translation>套餐拒绝了该请求：它只为编程工具提供服务（405）。</translation>
    </message>
    <message>
        <source>The plan answers only requests that come from a coding tool. Verify the setup by running it through an installed tool (Verify on the tool&apos;s page, or &apos;codingplan verify TOOL&apos;).</source>
        <translation>套餐只接受来自编程工具的请求。请通过已安装的工具验证配置（在工具页面点击“验证”，或运行 &apos;codingplan verify TOOL&apos;）。</translation>
    </message>
    <message>
        <source>The 5-hour quota is used up (hour allocated quota exceeded).</source>
        <translation>5 小时额度已用完（hour allocated quota exceeded）。</translation>
    </message>
    <message>
        <source>Each request comes back 5 hours after it was made: wait for the next ones to return, or upgrade to Pro.</source>
        <translation>每次请求在发出 5 小时后恢复：请等待接下来的请求恢复，或升级到 Pro。</translation>
    </message>
    <message>
        <source>The weekly quota is used up (week allocated quota exceeded).</source>
        <translation>每周额度已用完（week allocated quota exceeded）。</translation>
    </message>
    <message>
        <source>It resets on Monday at 00:00 (UTC+8); wait until then, or upgrade to Pro.</source>
        <translation>额度将于周一 00:00（UTC+8）重置；请等到那时，或升级到 Pro。</translation>
    </message>
    <message>
        <source>The monthly quota is used up (month allocated quota exceeded).</source>
        <translation>每月额度已用完（month allocated quota exceeded）。</translation>
    </message>
    <message>
        <source>It resets at 00:00 (UTC+8) on your subscription day; wait until then, or upgrade to Pro.</source>
        <translation>额度将于您的订阅日 00:00（UTC+8）重置；请等到那时，或升级到 Pro。</translation>
    </message>
    <message>
        <source>Too many requests at once (429).</source>
        <translation>请求过于频繁（429）。</translation>
    </message>
    <message>
        <source>Wait a minute and try again; this is not the 5-hour, weekly or monthly quota.</source>
        <translation>请稍等一分钟后重试；这与 5 小时、每周或每月额度无关。</translation>
    </message>
    <message>
        <source>The address {host} could not be found (DNS).</source>
        <translation>找不到地址 {host}（DNS）。</translation>
    </message>
    <message>
        <source>Check the address&apos;s spelling and your internet connection.</source>
        <translation>请检查地址拼写和网络连接。</translation>
    </message>
    <message>
        <source>{host} refused the connection.</source>
        <translation>{host} 拒绝了连接。</translation>
    </message>
    <message>
        <source>Check the address and port; if it is a local gateway, start it.</source>
        <translation>请检查地址和端口；如果是本地网关，请先启动它。</translation>
    </message>
    <message>
        <source>The connection to {host} was cut before an answer came.</source>
        <translation>与 {host} 的连接在收到响应之前被中断。</translation>
    </message>
    <message>
        <source>Try again; if it keeps happening, a firewall or proxy may be in the way.</source>
        <translation>请重试；如果问题持续出现，可能是防火墙或代理造成了阻碍。</translation>
    </message>
    <message>
        <source>No answer from {host} in time.</source>
        <translation>{host} 响应超时。</translation>
    </message>
    <message>
        <source>Check your connection, or try again later: the service may be slow right now.</source>
        <translation>请检查网络连接，或稍后重试：服务当前可能响应较慢。</translation>
    </message>
    <message>
        <source>The secure connection to {host} failed: {detail}</source>
        <translation>与 {host} 的安全连接失败：{detail}</translation>
    </message>
    <message>
        <source>Something between you and the server (a proxy, antivirus or a wrong clock) is interfering with HTTPS. Check the system date and any HTTPS inspection.</source>
        <translation>您与服务器之间的某些因素（代理、杀毒软件或错误的系统时间）正在干扰 HTTPS。请检查系统日期，以及是否启用了 HTTPS 检查。</translation>
    </message>
    <message>
        <source>The proxy {proxy} did not pass the request on: {detail}</source>
        <translation>代理 {proxy} 未转发请求：{detail}</translation>
    </message>
    <message>
        <source>Check the proxy settings (HTTPS_PROXY, HTTP_PROXY, NO_PROXY) and any proxy password.</source>
        <translation>请检查代理设置（HTTPS_PROXY、HTTP_PROXY、NO_PROXY）以及代理密码（如有）。</translation>
    </message>
    <message>
        <source>The server had a problem ({status}).</source>
        <translation>服务器出现问题（{status}）。</translation>
    </message>
    <message>
        <source>This is on the service&apos;s side; try again in a few minutes.</source>
        <translation>这是服务端的问题；请过几分钟再试。</translation>
    </message>
    <message>
        <source>A web page came back instead of the plan&apos;s answer ({status}): {excerpt}</source>
        <translation>返回的是一个网页，而不是套餐服务的响应（{status}）：{excerpt}</translation>
    </message>
    <message>
        <source>A proxy or login page is in the way: sign in to it, or bypass it for this address.</source>
        <translation>有代理或登录页面拦截了请求：请登录该页面，或让此地址绕过它。</translation>
    </message>
    <message>
        <source>Unexpected answer ({status}) with an empty body.</source>
        <translation>意外响应（{status}），响应正文为空。</translation>
    </message>
    <message>
        <source>Check the address; if a gateway sits in between, check its logs.</source>
        <translation>请检查地址；如果中间有网关，请查看其日志。</translation>
    </message>
    <message>
        <source>The address answered ({status}), but not with the plan&apos;s answer: {excerpt}</source>
        <translation>该地址有响应（{status}），但不是套餐服务的应答：{excerpt}</translation>
    </message>
    <message>
        <source>Something other than the plan is answering at this address (a gateway, a proxy or another service): check the address.</source>
        <translation>在此地址应答的不是套餐服务（可能是网关、代理或其他服务）：请检查地址。</translation>
    </message>
    <message>
        <source>Unexpected answer ({status}): {excerpt}</source>
        <translation>意外响应（{status}）：{excerpt}</translation>
    </message>
    <message>
        <source>{host} is reachable.</source>
        <translation>可以访问 {host}。</translation>
    </message>
</context>
<context>
    <name>texts</name>
    <message>
        <source>{left} left</source>
        <translation>剩余 {left}</translation>
    </message>
    <message>
        <source>5 hours</source>
        <translation>5 小时</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>US${usd} a month on the international site, ¥{cny} on the China site</source>
        <translation>中国站 ¥{cny}/月，国际站 US${usd}/月</translation>
    </message>
    <message>
        <source>{used} used</source>
        <translation>已用 {used}</translation>
    </message>
    <message>
        <source>{used} of {limit} used</source>
        <translation>已用 {used} / {limit}</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>已计数</translation>
    </message>
    <message>
        <source>Counted from the tools&apos; own records on this computer; calls they do not record, and use on other computers, are not included.</source>
        <translation>根据本机各工具自身的记录统计；不包括工具未记录的调用，以及在其他计算机上的使用。</translation>
    </message>
    <message>
        <source>Calibrated</source>
        <translation>已校准</translation>
    </message>
    <message>
        <source>Carried on from the reading you entered from the plan&apos;s console.</source>
        <translation>以您从套餐控制台填入的读数为起点继续计算。</translation>
    </message>
    <message>
        <source>At least</source>
        <translation>至少</translation>
    </message>
    <message>
        <source>The plan answered &apos;quota exceeded&apos; in this window: at least this much is used.</source>
        <translation>套餐服务在此窗口内返回了 &apos;quota exceeded&apos;：已用量至少为此值。</translation>
    </message>
    <message>
        <source>From the plan</source>
        <translation>来自套餐</translation>
    </message>
    <message>
        <source>The plan&apos;s own figure, read from its console, and the calls the tools recorded since.</source>
        <translation>从套餐控制台读取的官方数字，加上工具此后记录的调用。</translation>
    </message>
    <message>
        <source>This app&apos;s tests</source>
        <translation>本应用的测试</translation>
    </message>
</context>
<context>
    <name>tools</name>
    <message>
        <source>There is no tool called &apos;{tool}&apos;.</source>
        <translation>没有名为 &apos;{tool}&apos; 的工具。</translation>
    </message>
    <message>
        <source>Tools: {tools}.</source>
        <translation>工具：{tools}。</translation>
    </message>
    <message>
        <source>{tool} is set up by hand: this app does not write its files.</source>
        <translation>{tool} 需手动配置：本应用不会写入它的文件。</translation>
    </message>
    <message>
        <source>Follow its guided page (&apos;codingplan guide {tool}&apos;).</source>
        <translation>请按照其引导页面操作（&apos;codingplan guide {tool}&apos;）。</translation>
    </message>
    <message>
        <source>{tool} cannot read the key from the keyring.</source>
        <translation>{tool} 无法从系统密钥库读取密钥。</translation>
    </message>
    <message>
        <source>Use key mode &apos;inline&apos;: the key is then kept in the tool&apos;s own file, which only you can read (mode 0600).</source>
        <translation>请使用密钥模式 &apos;inline&apos;：密钥将保存在该工具自己的文件中，仅您本人可读（权限 0600）。</translation>
    </message>
    <message>
        <source>A new key was stored, but {tool}&apos;s files may still hold the older one: apply its setup again (&apos;codingplan configure {tool_id} --yes&apos;) to put the stored key there.</source>
        <translation>已保存新密钥，但 {tool} 的文件中可能仍是旧密钥：请再次应用它的配置（&apos;codingplan configure {tool_id} --yes&apos;），写入已保存的密钥。</translation>
    </message>
    <message>
        <source>{tool} cannot read the key from the keyring, so a copy of the key will be kept in {files}, readable only by you (mode 0600). Revert removes it.</source>
        <translation>{tool} 无法从系统密钥库读取密钥，因此密钥副本将保存在 {files} 中，仅您本人可读（权限 0600）。“还原”会将其删除。</translation>
    </message>
    <message>
        <source>{file}: {setting} was changed after this app set it, so it stays as it is.</source>
        <translation>{file}：{setting} 在本应用设置后被修改过，因此保持不变。</translation>
    </message>
    <message>
        <source>{file} is read-only; it was left untouched.</source>
        <translation>{file} 为只读文件；未做任何改动。</translation>
    </message>
    <message>
        <source>Make it writable if you want this app to change it, then try again.</source>
        <translation>如果希望本应用修改它，请将其设为可写，然后重试。</translation>
    </message>
    <message>
        <source>{file} has other names (hard links): it is changed in place, so that they all keep showing the same file.</source>
        <translation>{file} 还有其他名称（硬链接）：将直接在原文件上修改，使所有名称仍指向同一个文件。</translation>
    </message>
    <message>
        <source>{file} has {links} names (hard links), and others may reach it through them: the key is not written into it.</source>
        <translation>{file} 有 {links} 个名称（硬链接），他人可能通过这些名称访问它：密钥不会写入其中。</translation>
    </message>
    <message>
        <source>Give the tool a file of its own (copy it, remove the original, put the copy in its place), then try again.</source>
        <translation>请给该工具一个独立的文件（复制它、删除原文件、把副本放回原处），然后重试。</translation>
    </message>
    <message>
        <source>{file} belongs to another user: the key is not written into a file you do not own.</source>
        <translation>{file} 属于其他用户：密钥不会写入不属于你的文件。</translation>
    </message>
    <message>
        <source>Make the file yours, or point the tool at a file of your own.</source>
        <translation>请把该文件改为你所有，或让工具使用你自己的文件。</translation>
    </message>
    <message>
        <source>{file} no longer exists; nothing to undo there.</source>
        <translation>{file} 已不存在；无需撤销。</translation>
    </message>
    <message>
        <source>{file} was changed after this app wrote it: only what this app set was undone, and the later changes stay.</source>
        <translation>{file} 在本应用写入后被修改过：只撤销了本应用所做的设置，之后的修改予以保留。</translation>
    </message>
    <message>
        <source>{file} changed since the preview; nothing was written.</source>
        <translation>{file} 在预览后发生了变化；未写入任何内容。</translation>
    </message>
    <message>
        <source>Preview the change again, then apply it.</source>
        <translation>请重新预览更改，然后再应用。</translation>
    </message>
    <message>
        <source>{file} could not be written: {reason}. Nothing was changed.</source>
        <translation>无法写入 {file}：{reason}。未做任何更改。</translation>
    </message>
    <message>
        <source>{file} could not be written: {reason}. Nothing was changed: the files already written ({restored}) were put back as they were.</source>
        <translation>无法写入 {file}：{reason}。未做任何更改：已写入的文件（{restored}）已恢复原样。</translation>
    </message>
    <message>
        <source>{file} kept changing while this app was writing it (the tool itself is probably running); nothing was changed.</source>
        <translation>本应用写入 {file} 期间，该文件不断被修改（可能是该工具本身正在运行）；未做任何更改。</translation>
    </message>
    <message>
        <source>Close the tool, then try again.</source>
        <translation>请关闭该工具，然后重试。</translation>
    </message>
    <message>
        <source>{cause} Besides, {files} could not be put back as it was and holds this app&apos;s change.</source>
        <translation>{cause}此外，{files} 未能恢复原样，其中仍保留着本应用所做的更改。</translation>
    </message>
    <message>
        <source>Revert {tool} once the cause is fixed, to undo it.</source>
        <translation>问题解决后，请还原 {tool} 以撤销该更改。</translation>
    </message>
    <message>
        <source>Check the folder&apos;s permissions and free space.</source>
        <translation>请检查该文件夹的权限和可用空间。</translation>
    </message>
    <message>
        <source>ANTHROPIC_AUTH_TOKEN is set in your environment: Claude Code sends it instead of the key from the keyring. Remove it from your shell profile.</source>
        <translation>您的环境中设置了 ANTHROPIC_AUTH_TOKEN：Claude Code 会发送它，而不是系统密钥库中的密钥。请将其从 shell 配置文件中删除。</translation>
    </message>
    <message>
        <source>ANTHROPIC_API_KEY is set in your environment: Claude Code sends it as X-Api-Key next to the plan key. Remove it from your shell profile.</source>
        <translation>您的环境中设置了 ANTHROPIC_API_KEY：Claude Code 会将其作为 X-Api-Key 与套餐密钥一起发送。请将其从 shell 配置文件中删除。</translation>
    </message>
    <message>
        <source>In ~/.claude/settings.json, under &quot;env&quot;, set ANTHROPIC_BASE_URL to {url}, ANTHROPIC_MODEL and the ANTHROPIC_DEFAULT_*_MODEL tiers to {model}, and ANTHROPIC_AUTH_TOKEN to the key.</source>
        <translation>在 ~/.claude/settings.json 的 &quot;env&quot; 中，将 ANTHROPIC_BASE_URL 设为 {url}，将 ANTHROPIC_MODEL 及各档 ANTHROPIC_DEFAULT_*_MODEL 设为 {model}，并将 ANTHROPIC_AUTH_TOKEN 设为密钥。</translation>
    </message>
    <message>
        <source>In ~/.claude.json, set &quot;hasCompletedOnboarding&quot;: true.</source>
        <translation>在 ~/.claude.json 中设置 &quot;hasCompletedOnboarding&quot;: true。</translation>
    </message>
    <message>
        <source>Show the plan&apos;s usage in Claude Code&apos;s status line (where you have none)</source>
        <translation>在 Claude Code 的状态栏中显示套餐用量（如果您没有自己的状态栏）</translation>
    </message>
    <message>
        <source>Set up the provider with &apos;cline auth&apos; instead.</source>
        <translation>请改用 &apos;cline auth&apos; 设置服务商。</translation>
    </message>
    <message>
        <source>The Cline extension for VS Code is installed. Versions 4 and later read this same providers.json after Reload Window; older ones keep their settings inside VS Code: use the guided setup for them, then reload VS Code.</source>
        <translation>已安装 VS Code 的 Cline 扩展。4 及以上版本在执行 Reload Window 后会读取同一个 providers.json；更早的版本将设置保存在 VS Code 内部：请对其使用引导配置，然后重新加载 VS Code。</translation>
    </message>
    <message>
        <source>Open Cline&apos;s settings, choose the API provider &quot;OpenAI Compatible&quot;.</source>
        <translation>打开 Cline 的设置，将 API Provider 选为 &quot;OpenAI Compatible&quot;。</translation>
    </message>
    <message>
        <source>Base URL: {url}. API key: the plan key. Model ID: {model}.</source>
        <translation>Base URL：{url}。API Key：套餐密钥。Model ID：{model}。</translation>
    </message>
    <message>
        <source>Run &quot;Developer: Reload Window&quot; so VS Code picks the change up.</source>
        <translation>运行 &quot;Developer: Reload Window&quot;，使 VS Code 加载更改。</translation>
    </message>
    <message>
        <source>{file} is a folder, not a settings file.</source>
        <translation>{file} 是文件夹，而不是设置文件。</translation>
    </message>
    <message>
        <source>Move the folder away, then try again.</source>
        <translation>请移走该文件夹，然后重试。</translation>
    </message>
    <message>
        <source>{file} cannot be read: {reason}.</source>
        <translation>无法读取 {file}：{reason}。</translation>
    </message>
    <message>
        <source>{file} is not a settings file ({reason}); it was left untouched.</source>
        <translation>{file} 不是设置文件（{reason}）；未作任何改动。</translation>
    </message>
    <message>
        <source>Move it away (the tool then starts from no settings), then try again.</source>
        <translation>请将它移走（工具随后从空设置开始），然后重试。</translation>
    </message>
    <message>
        <source>Check the file&apos;s permissions.</source>
        <translation>请检查该文件的权限。</translation>
    </message>
    <message>
        <source>{file} is not UTF-8 text (line {line}, column {column}); it was left untouched.</source>
        <translation>{file} 不是 UTF-8 文本（第 {line} 行，第 {column} 列）；未做任何改动。</translation>
    </message>
    <message>
        <source>Save the file as UTF-8, then try again.</source>
        <translation>请将文件另存为 UTF-8 编码，然后重试。</translation>
    </message>
    <message>
        <source>{file} does not parse (line {line}, column {column}: {reason}); it was left untouched.</source>
        <translation>无法解析 {file}（第 {line} 行，第 {column} 列：{reason}）；未做任何改动。</translation>
    </message>
    <message>
        <source>Fix the file (or move it away), then try again.</source>
        <translation>请修复该文件（或将其移走），然后重试。</translation>
    </message>
    <message>
        <source>{file} has a comment, trailing comma or byte order mark (line {line}, column {column}), which the tool does not accept in this file; it was left untouched.</source>
        <translation>{file} 中有注释、尾随逗号或字节顺序标记（第 {line} 行，第 {column} 列），该工具不接受此文件中出现这些内容；未做任何改动。</translation>
    </message>
    <message>
        <source>Remove it (the tool ignores the file as it is), then try again.</source>
        <translation>请将其删除（否则该工具会忽略此文件），然后重试。</translation>
    </message>
    <message>
        <source>{file} cannot be read safely: {reason}.</source>
        <translation>无法安全读取 {file}：{reason}。</translation>
    </message>
    <message>
        <source>Nothing was changed. Fix the file, then try again.</source>
        <translation>未做任何更改。请修复该文件，然后重试。</translation>
    </message>
    <message>
        <source>{file} cannot be changed without touching what is not ours: {reason}.</source>
        <translation>无法修改 {file}，否则会改动不属于本应用的内容：{reason}。</translation>
    </message>
    <message>
        <source>Nothing was changed. Add this to the file by hand:
{snippet}</source>
        <translation>未做任何更改。请手动将以下内容添加到文件中：
{snippet}</translation>
    </message>
    <message>
        <source>{file} has {setting} = {value}, a format this app does not know; it was left untouched.</source>
        <translation>{file} 中的 {setting} = {value}，是本应用不认识的格式；未做任何改动。</translation>
    </message>
    <message>
        <source>{variable} is set in your environment: Qwen Code uses it instead of the key in {file}. Remove it from your shell profile.</source>
        <translation>您的环境中设置了 {variable}：Qwen Code 会使用它，而不是 {file} 中的密钥。请将其从 shell 配置文件中删除。</translation>
    </message>
    <message>
        <source>Run qwen, type /auth, choose Alibaba ModelStudio, then Coding Plan, your region, and paste the key.</source>
        <translation>运行 qwen，输入 /auth，选择 Alibaba ModelStudio，再选择 Coding Plan 和您的地域，然后粘贴密钥。</translation>
    </message>
    <message>
        <source>The record of what was set for {tool} ({file}) cannot be read: {reason}.</source>
        <translation>无法读取 {tool} 的设置记录（{file}）：{reason}。</translation>
    </message>
    <message>
        <source>The backups in {backups} hold the files as they were before.</source>
        <translation>{backups} 中的备份保存了这些文件先前的版本。</translation>
    </message>
    <message>
        <source>Another run of this app is still changing the files of {tool}.</source>
        <translation>本应用的另一个实例仍在修改 {tool} 的文件。</translation>
    </message>
    <message>
        <source>Wait for it to finish, then try again.</source>
        <translation>请等待其完成，然后重试。</translation>
    </message>
    <message>
        <source>{tool} is not installed (not found on PATH).</source>
        <translation>未安装 {tool}（在 PATH 中未找到）。</translation>
    </message>
    <message>
        <source>The tool warned that it does not know the model.</source>
        <translation>工具警告它无法识别该模型。</translation>
    </message>
    <message>
        <source>{tool} could not get the key from this app: {detail}</source>
        <translation>{tool} 无法从本应用获取密钥：{detail}</translation>
    </message>
    <message>
        <source>Check that the key is stored (&apos;codingplan key status&apos;) and the keyring unlocked.</source>
        <translation>请检查密钥是否已保存（&apos;codingplan key status&apos;）以及系统密钥库是否已解锁。</translation>
    </message>
    <message>
        <source>The tool asked for a login instead of using the plan key.</source>
        <translation>工具要求登录，而没有使用套餐密钥。</translation>
    </message>
    <message>
        <source>Configure the tool again; check the overrides it lists.</source>
        <translation>请重新配置该工具，并检查其列出的覆盖项。</translation>
    </message>
    <message>
        <source>The tool stopped with an error (exit code {code}).</source>
        <translation>工具因错误而退出（退出码 {code}）。</translation>
    </message>
    <message>
        <source>Its output is shown below.</source>
        <translation>其输出如下。</translation>
    </message>
    <message>
        <source>The tool answered through the plan.</source>
        <translation>工具已通过套餐服务返回响应。</translation>
    </message>
    <message>
        <source>In Kilo Code&apos;s settings choose &quot;Bring my own key&quot;.</source>
        <translation>在 Kilo Code 的设置中选择 &quot;Bring my own key&quot;。</translation>
    </message>
    <message>
        <source>API Provider: &quot;OpenAI Compatible&quot;. Base URL: {url}.</source>
        <translation>API Provider：&quot;OpenAI Compatible&quot;。Base URL：{url}。</translation>
    </message>
    <message>
        <source>API key: paste the plan key (use Copy key).</source>
        <translation>API Key：粘贴套餐密钥（使用“复制密钥”）。</translation>
    </message>
    <message>
        <source>Model: type {model} and choose &quot;Use custom&quot;.</source>
        <translation>模型：输入 {model}，然后选择 &quot;Use custom&quot;。</translation>
    </message>
    <message>
        <source>The Kilo Code CLI (the kilo command) is set up by this app: choose Kilo Code CLI in the list of tools.</source>
        <translation>Kilo Code CLI（kilo 命令）可由本应用自动配置：请在工具列表中选择 Kilo Code CLI。</translation>
    </message>
    <message>
        <source>In Roo Code&apos;s settings add a profile with API Provider &quot;OpenAI Compatible&quot;.</source>
        <translation>在 Roo Code 的设置中添加一个配置档案，API Provider 选 &quot;OpenAI Compatible&quot;。</translation>
    </message>
    <message>
        <source>Base URL: {url}. API key: the plan key. Model: {model}.</source>
        <translation>Base URL：{url}。API Key：套餐密钥。模型：{model}。</translation>
    </message>
    <message>
        <source>Or save the snippet as a file (with the real key), and point the VS Code setting roo-cline.autoImportSettingsPath at it: Roo Code imports it when it starts.</source>
        <translation>也可以把代码片段（填入真实密钥）保存为文件，并将 VS Code 设置 roo-cline.autoImportSettingsPath 指向它：Roo Code 启动时会导入。</translation>
    </message>
    <message>
        <source>Cursor Settings → Models: turn on &quot;OpenAI API Key&quot; and paste the plan key.</source>
        <translation>Cursor Settings → Models：打开 &quot;OpenAI API Key&quot; 并粘贴套餐密钥。</translation>
    </message>
    <message>
        <source>Turn on &quot;Override OpenAI Base URL&quot; and enter {url}.</source>
        <translation>打开 &quot;Override OpenAI Base URL&quot; 并输入 {url}。</translation>
    </message>
    <message>
        <source>Add a custom model named {model}.</source>
        <translation>添加名为 {model} 的自定义模型。</translation>
    </message>
    <message>
        <source>Cursor needs dots in model names replaced by hyphens: {model} becomes {cursor}.</source>
        <translation>Cursor 要求把模型名中的点换成连字符：{model} 应写作 {cursor}。</translation>
    </message>
    <message>
        <source>Custom models need Cursor Pro or higher, and the base URL override applies to every OpenAI model in Cursor.</source>
        <translation>自定义模型需要 Cursor Pro 或更高版本，且 Base URL 覆盖会作用于 Cursor 中的所有 OpenAI 模型。</translation>
    </message>
    <message>
        <source>Add the snippet to ~/.config/crush/crushrc.</source>
        <translation>将代码片段添加到 ~/.config/crush/crushrc。</translation>
    </message>
    <message>
        <source>Export CODING_PLAN_API_KEY with the plan key in your shell profile, or replace $CODING_PLAN_API_KEY with the key.</source>
        <translation>在 shell 配置文件中用套餐密钥导出 CODING_PLAN_API_KEY，或将 $CODING_PLAN_API_KEY 替换为密钥。</translation>
    </message>
    <message>
        <source>Choose {model} in Crush&apos;s model picker.</source>
        <translation>在 Crush 的模型选择器中选择 {model}。</translation>
    </message>
    <message>
        <source>Older Crush versions read crush.json instead: a provider with &quot;type&quot;: &quot;openai-compat&quot;, &quot;base_url&quot; and &quot;api_key&quot;.</source>
        <translation>较早的 Crush 版本改为读取 crush.json：添加一个服务商，包含 &quot;type&quot;: &quot;openai-compat&quot;、&quot;base_url&quot; 和 &quot;api_key&quot;。</translation>
    </message>
    <message>
        <source>Install Codex 0.80.0 or earlier: npm install -g @openai/codex@0.80.0.</source>
        <translation>安装 Codex 0.80.0 或更早版本：npm install -g @openai/codex@0.80.0。</translation>
    </message>
    <message>
        <source>Put the snippet in ~/.codex/config.toml.</source>
        <translation>将代码片段放入 ~/.codex/config.toml。</translation>
    </message>
    <message>
        <source>Export OPENAI_API_KEY with the plan key in your shell profile.</source>
        <translation>在 shell 配置文件中用套餐密钥导出 OPENAI_API_KEY。</translation>
    </message>
    <message>
        <source>Current Codex versions speak only the Responses API and refuse wire_api = &quot;chat&quot;; the plan documents only the Chat Completions API, for Codex 0.80.0 and earlier. Newer Codex will not work with the plan.</source>
        <translation>当前版本的 Codex 只支持 Responses API，并拒绝 wire_api = &quot;chat&quot;；而本套餐只说明了 Chat Completions API，适用于 Codex 0.80.0 及更早版本。更新的 Codex 无法使用本套餐。</translation>
    </message>
    <message>
        <source>OpenAI-compatible tools: base URL {url} (they add /chat/completions).</source>
        <translation>OpenAI 兼容工具：Base URL 为 {url}（工具会自行加上 /chat/completions）。</translation>
    </message>
    <message>
        <source>Anthropic-compatible tools: base URL {url}; tools built on @ai-sdk/anthropic take {sdk}.</source>
        <translation>Anthropic 兼容工具：Base URL 为 {url}；基于 @ai-sdk/anthropic 的工具请填 {sdk}。</translation>
    </message>
    <message>
        <source>Model: {model} (model ids are case-sensitive). Key: the plan key.</source>
        <translation>模型：{model}（模型 ID 区分大小写）。密钥：套餐密钥。</translation>
    </message>
    <message>
        <source>The plan is for interactive coding tools; scripts, backends and API testers such as Postman are outside its terms.</source>
        <translation>本套餐仅供交互式编程工具使用；脚本、后端服务以及 Postman 等 API 测试工具不在其条款范围内。</translation>
    </message>
    <message>
        <source>{variable} is set in your environment and sets a model or provider: {tool} applies it after {file}.</source>
        <translation>您的环境中设置了 {variable}，其中指定了模型或服务商：{tool} 会在读取 {file} 之后应用它。</translation>
    </message>
    <message>
        <source>In ~/.continue/config.yaml, add a model at the top of models: provider openai, model {model}, apiBase {url}, apiKey ${{{{ secrets.CODING_PLAN_API_KEY }}}}.</source>
        <translation>在 ~/.continue/config.yaml 的 models 列表最前面添加一个模型：provider 为 openai，model 为 {model}，apiBase 为 {url}，apiKey 为 ${{{{ secrets.CODING_PLAN_API_KEY }}}}。</translation>
    </message>
    <message>
        <source>In ~/.continue/.env, set CODING_PLAN_API_KEY to the plan key.</source>
        <translation>在 ~/.continue/.env 中将 CODING_PLAN_API_KEY 设为套餐密钥。</translation>
    </message>
    <message>
        <source>{variable} is set in your environment: Continue uses it instead of the key in {file}. Remove it from your shell profile.</source>
        <translation>您的环境中设置了 {variable}：Continue 会使用它，而不是 {file} 中的密钥。请将其从 shell 配置文件中删除。</translation>
    </message>
    <message>
        <source>Add a provider with &quot;npm&quot;: &quot;@ai-sdk/openai-compatible&quot;, &quot;options&quot;: {{&quot;baseURL&quot;: &quot;{url}&quot;, &quot;apiKey&quot;: the key}} and the model {model} to {file}, and set &quot;model&quot; to it.</source>
        <translation>在 {file} 中添加一个服务商，包含 &quot;npm&quot;: &quot;@ai-sdk/openai-compatible&quot;、&quot;options&quot;: {{&quot;baseURL&quot;: &quot;{url}&quot;, &quot;apiKey&quot;: 密钥}} 以及模型 {model}，并将 &quot;model&quot; 设为该模型。</translation>
    </message>
    <message>
        <source>{tool} has no option {flag}.</source>
        <translation>{tool} 没有选项 {flag}。</translation>
    </message>
    <message>
        <source>Leave it out; &apos;codingplan configure --help&apos; lists them.</source>
        <translation>请去掉它；&apos;codingplan configure --help&apos; 会列出可用选项。</translation>
    </message>
    <message>
        <source>No key is stored yet: {tool} gets it from the keyring once you store it (&apos;codingplan key set&apos;, or the Key tab of the app).</source>
        <translation>尚未保存密钥：保存后（使用“codingplan key set”或应用的“密钥”标签页），{tool} 将从系统密钥库获取它。</translation>
    </message>
    <message>
        <source>Apply its setup first (on its page in the app, or &apos;codingplan configure {tool_id}&apos;), then verify.</source>
        <translation>请先应用它的配置（在应用中它的页面上，或运行 &apos;codingplan configure {tool_id}&apos;），然后再验证。</translation>
    </message>
    <message>
        <source>{tool} is not set up for the plan yet: Verify would run it with whatever account it has, not the plan.</source>
        <translation>{tool} 尚未配置为使用套餐：“验证”会用它现有的账号运行，而不是套餐。</translation>
    </message>
    <message>
        <source>{tool} is set up for another provider ({target}): Verify would send its request there, not to the plan.</source>
        <translation>{tool} 已配置为使用其他服务商（{target}）：“验证”会把请求发到那里，而不是套餐。</translation>
    </message>
</context>
<context>
    <name>usage</name>
    <message>
        <source>Your subscription day does not exist in every month: in a shorter month the monthly quota resets on its last day.</source>
        <translation>并非每个月都有您的订阅日：在天数较少的月份，每月额度会在当月最后一天重置。</translation>
    </message>
    <message>
        <source>After the upgrade to Pro this month&apos;s remaining quota was raised in proportion to what was left of Lite&apos;s.</source>
        <translation>升级到 Pro 后，本月剩余额度已按 Lite 剩余额度的比例相应提高。</translation>
    </message>
    <message>
        <source>Since the upgrade to Pro this window has Pro&apos;s limit.</source>
        <translation>升级到 Pro 后，此窗口使用 Pro 的额度上限。</translation>
    </message>
    <message>
        <source>Some of these requests are known only from the plan (your reading, or its &apos;quota exceeded&apos; answer): when they come back is estimated, as if they were made evenly over the 5 hours before.</source>
        <translation>其中部分请求只能从套餐得知（您录入的读数，或其“额度已用完”的应答）：它们何时恢复是估算的，按照在此前 5 小时内均匀发出来计算。</translation>
    </message>
    <message>
        <source>When the quota comes back is what the plan&apos;s answer said.</source>
        <translation>额度恢复的时间来自套餐应答中给出的时间。</translation>
    </message>
    <message>
        <source>The plan answered &apos;quota exceeded&apos;, then served a call again: the estimate follows what it served.</source>
        <translation>套餐曾应答“额度已用完”，之后又处理了请求：估算以它实际处理的请求为准。</translation>
    </message>
    <message>
        <source>The plan&apos;s own reading is older than this window: this figure is estimated from the records again.</source>
        <translation>套餐自己的读数早于此窗口：此数字重新根据记录估算。</translation>
    </message>
    <message>
        <source>What the plan showed of another window in this period (a reading, or its &apos;quota exceeded&apos; answer) proves at least this many were used.</source>
        <translation>套餐在本周期内对另一个窗口显示的信息（读数或“额度已用完”回答）证明至少已用这么多。</translation>
    </message>
    <message>
        <source>The &apos;quota exceeded&apos; answer behind this figure came through {origin}, not the address in use: if that was a test server, set it aside with &apos;codingplan usage dismiss&apos;.</source>
        <translation>此数字所依据的“额度已用完”回答来自 {origin}，而不是当前使用的地址：如果那是测试服务器，请用“codingplan usage dismiss”将其搁置。</translation>
    </message>
    <message>
        <source>The shared folder {folder} is not there.</source>
        <translation>共享文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <source>This computer&apos;s count goes on alone. Check that the folder exists and is synced, or change it in Settings (&apos;codingplan settings set share-folder&apos;).</source>
        <translation>本机将单独继续统计。请检查该文件夹是否存在并已同步，或在设置中更改（&apos;codingplan settings set share-folder&apos;）。</translation>
    </message>
    <message>
        <source>The shared folder {folder} is a link, so nothing in it is read or written.</source>
        <translation>共享文件夹 {folder} 是一个链接，因此不读取也不写入其中的任何内容。</translation>
    </message>
    <message>
        <source>This computer&apos;s count goes on alone. Set the folder the link points to instead (&apos;codingplan settings set share-folder&apos;).</source>
        <translation>本机将单独继续统计。请改为设置该链接指向的文件夹（&apos;codingplan settings set share-folder&apos;）。</translation>
    </message>
    <message>
        <source>The shared folder {folder} is not a folder of yours, so nothing in it is read or written.</source>
        <translation>共享文件夹 {folder} 不是属于你的文件夹，因此不读取也不写入其中的任何内容。</translation>
    </message>
    <message>
        <source>This computer&apos;s count goes on alone. Choose a folder you own in Settings (&apos;codingplan settings set share-folder&apos;).</source>
        <translation>本机将单独继续统计。请在设置中选择一个属于你的文件夹（&apos;codingplan settings set share-folder&apos;）。</translation>
    </message>
    <message>
        <source>This computer&apos;s count cannot be written to {folder}: {reason}.</source>
        <translation>无法将本机的统计写入 {folder}：{reason}。</translation>
    </message>
    <message>
        <source>The other computers do not see this one&apos;s requests until it can; check the folder&apos;s permissions and free space.</source>
        <translation>在能写入之前，其他电脑看不到本机的请求；请检查该文件夹的权限和剩余空间。</translation>
    </message>
    <message>
        <source>This computer&apos;s count cannot be written to {folder}: {file} there is not a file this app wrote (a link, a folder, a pipe, another&apos;s file or other content), so it is left as it is.</source>
        <translation>无法将本机的统计写入 {folder}：其中的 {file} 不是本应用写入的文件（链接、文件夹、管道、他人的文件或其他内容），因此保持原样不动。</translation>
    </message>
    <message>
        <source>The other computers do not see this one&apos;s requests until {file} is moved out of the shared folder.</source>
        <translation>在将 {file} 移出共享文件夹之前，其他电脑看不到本机的请求。</translation>
    </message>
    <message>
        <source>{file} in the shared folder is not a count this app can read (a link, a folder, a pipe, over 32 MB or other content): it is left alone and counts nothing.</source>
        <translation>共享文件夹中的 {file} 不是本应用能读取的统计（链接、文件夹、管道、超过 32 MB 或其他内容）：保持原样，不计入任何请求。</translation>
    </message>
    <message>
        <source>If no computer of yours wrote it, remove it.</source>
        <translation>如果它不是你的某台电脑写入的，请将其删除。</translation>
    </message>
    <message>
        <source>The shared folder holds the count of {machine}, written by a newer version of this app: it is not read.</source>
        <translation>共享文件夹中有 {machine} 的统计，由更新版本的本应用写入：未读取。</translation>
    </message>
    <message>
        <source>Update this app to include that computer&apos;s requests.</source>
        <translation>请更新本应用，以计入那台电脑的请求。</translation>
    </message>
    <message>
        <source>{count} lines of the count of {machine} in the shared folder are not requests this app can believe (damaged, or out of bounds): they are skipped.</source>
        <translation>共享文件夹中 {machine} 的统计有 {count} 行不是本应用可以采信的请求（已损坏或超出范围）：已跳过。</translation>
    </message>
    <message>
        <source>The rest of it is counted. If no computer of yours wrote it, remove {file}.</source>
        <translation>其余部分照常计入。如果它不是你的某台电脑写入的，请删除 {file}。</translation>
    </message>
    <message>
        <source>The count of {machine} in the shared folder tells of {count} requests another computer counted, and tells them otherwise: each computer speaks only for its own requests, so they are left as that computer counted them.</source>
        <translation>共享文件夹中 {machine} 的统计提到了另一台电脑已计入的 {count} 个请求，且说法不同：每台电脑只能代表自己的请求，因此这些请求保持那台电脑的统计不变。</translation>
    </message>
    <message>
        <source>If no computer of yours wrote it, remove {file}.</source>
        <translation>如果它不是你的某台电脑写入的，请删除 {file}。</translation>
    </message>
    <message>
        <source>The clock of {machine} is at least {minutes} minutes ahead of this computer&apos;s: its requests are counted at this computer&apos;s time.</source>
        <translation>{machine} 的时钟比本机快至少 {minutes} 分钟：其请求按本机的时间计入。</translation>
    </message>
    <message>
        <source>The clock of {machine} is at least {minutes} minutes behind this computer&apos;s: its requests are counted at this computer&apos;s time.</source>
        <translation>{machine} 的时钟比本机慢至少 {minutes} 分钟：其请求按本机的时间计入。</translation>
    </message>
    <message>
        <source>Let both computers set their clocks from the network (automatic time).</source>
        <translation>请让两台电脑都通过网络自动设置时间。</translation>
    </message>
    <message>
        <source>Another computer wrote this computer&apos;s count in the shared folder under the same id, {old} (a copy of this app&apos;s data folder: a restored backup, a cloned system, a synced folder). This computer now writes as {new}.</source>
        <translation>另一台电脑以相同的标识 {old} 在共享文件夹中写入了本机的统计（本应用数据文件夹的副本：恢复的备份、克隆的系统或同步的文件夹）。本机现在以 {new} 写入。</translation>
    </message>
    <message>
        <source>Both are counted. If no other computer should write as {old}, remove {old}.codingplan-usage.jsonl from the shared folder.</source>
        <translation>两者都会计入。如果不应有其他电脑以 {old} 写入，请从共享文件夹中删除 {old}.codingplan-usage.jsonl。</translation>
    </message>
    <message>
        <source>The shared folder holds more count files than any set of computers writes: only the {count} changed last are read.</source>
        <translation>共享文件夹中的统计文件多于任何一组电脑会写入的数量：只读取最近更改的 {count} 个。</translation>
    </message>
    <message>
        <source>Remove the count files of computers no longer in use.</source>
        <translation>请删除不再使用的电脑的统计文件。</translation>
    </message>
    <message>
        <source>5h</source>
        <translation>5小时</translation>
    </message>
    <message>
        <source>wk</source>
        <translation>周</translation>
    </message>
    <message>
        <source>mo</source>
        <translation>月</translation>
    </message>
    <message>
        <source>used up</source>
        <translation>已用完</translation>
    </message>
    <message>
        <source>back {time} ({in})</source>
        <translation>{time} 恢复（{in}）</translation>
    </message>
    <message>
        <source>{left}/{limit} left</source>
        <translation>剩 {left}/{limit}</translation>
    </message>
    <message>
        <source>{percent}% left</source>
        <translation>剩 {percent}%</translation>
    </message>
    <message>
        <source>{count} used</source>
        <translation>已用 {count}</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours} 小时</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} 小时 {minutes} 分钟</translation>
    </message>
    <message>
        <source>no plan chosen</source>
        <translation>未选择套餐</translation>
    </message>
    <message>
        <source>no usage recorded yet</source>
        <translation>尚无用量记录</translation>
    </message>
    <message>
        <source>usage unavailable</source>
        <translation>用量暂不可用</translation>
    </message>
    <message>
        <source>plan {age} ago</source>
        <translation>套餐 {age}前</translation>
    </message>
    <message>
        <source>{days} d</source>
        <translation>{days} 天</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>failed calls, and calls cut off with Ctrl+C</source>
        <translation>失败的调用，以及用 Ctrl+C 中断的调用</translation>
    </message>
    <message>
        <source>the title call of a session cut off before it was named</source>
        <translation>会话在命名前被中断时的标题调用</translation>
    </message>
    <message>
        <source>calls cut off with Ctrl+C</source>
        <translation>用 Ctrl+C 中断的调用</translation>
    </message>
    <message>
        <source>The plan&apos;s own figures could not be read, so these are estimated: {reason}</source>
        <translation>无法读取套餐自己的数字，因此这些是估算值：{reason}</translation>
    </message>
</context>
</TS>
