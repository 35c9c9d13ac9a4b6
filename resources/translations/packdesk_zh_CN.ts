<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Action</name>
    <message>
        <location filename="../../ui/permission_words.py" line="35"/>
        <source>pack orders</source>
        <translation>打包订单</translation>
    </message>
    <message>
        <location filename="../../ui/permission_words.py" line="36"/>
        <source>load parcels at the dock</source>
        <translation>在装车区装车</translation>
    </message>
    <message>
        <location filename="../../ui/permission_words.py" line="37"/>
        <source>hold orders</source>
        <translation>暂停订单</translation>
    </message>
    <message>
        <location filename="../../ui/permission_words.py" line="38"/>
        <source>release held orders</source>
        <translation>恢复暂停的订单</translation>
    </message>
    <message>
        <location filename="../../ui/permission_words.py" line="39"/>
        <source>expedite orders</source>
        <translation>加急订单</translation>
    </message>
    <message>
        <location filename="../../ui/permission_words.py" line="40"/>
        <source>reprint documents</source>
        <translation>重新打印单据</translation>
    </message>
    <message>
        <location filename="../../ui/permission_words.py" line="41"/>
        <source>cancel print jobs</source>
        <translation>取消打印任务</translation>
    </message>
    <message>
        <location filename="../../ui/permission_words.py" line="42"/>
        <source>free an order another counter holds</source>
        <translation>释放其他打包台占用的订单</translation>
    </message>
    <message>
        <location filename="../../ui/permission_words.py" line="43"/>
        <source>import orders</source>
        <translation>导入订单</translation>
    </message>
    <message>
        <location filename="../../ui/permission_words.py" line="44"/>
        <source>close a carrier&apos;s manifest</source>
        <translation>关闭承运商的交接单</translation>
    </message>
    <message>
        <location filename="../../ui/permission_words.py" line="45"/>
        <source>cancel orders</source>
        <translation>取消订单</translation>
    </message>
    <message>
        <location filename="../../ui/permission_words.py" line="46"/>
        <source>reopen packed orders</source>
        <translation>重新打开已装箱的订单</translation>
    </message>
    <message>
        <location filename="../../ui/permission_words.py" line="47"/>
        <source>ship orders short</source>
        <translation>批准缺件发货</translation>
    </message>
    <message>
        <location filename="../../ui/permission_words.py" line="48"/>
        <source>take over another packer&apos;s order</source>
        <translation>接手其他打包员的订单</translation>
    </message>
    <message>
        <location filename="../../ui/permission_words.py" line="49"/>
        <source>accept a weight that did not match</source>
        <translation>接受不符的重量</translation>
    </message>
    <message>
        <location filename="../../ui/permission_words.py" line="50"/>
        <source>change printers</source>
        <translation>修改打印机</translation>
    </message>
    <message>
        <location filename="../../ui/permission_words.py" line="52"/>
        <source>change carriers and their tracking numbers</source>
        <translation>修改承运商及其运单号</translation>
    </message>
    <message>
        <location filename="../../ui/permission_words.py" line="54"/>
        <source>read the audit record</source>
        <translation>查看审计记录</translation>
    </message>
    <message>
        <location filename="../../ui/permission_words.py" line="55"/>
        <source>manage users</source>
        <translation>管理用户</translation>
    </message>
    <message>
        <location filename="../../ui/permission_words.py" line="56"/>
        <source>change settings</source>
        <translation>修改设置</translation>
    </message>
    <message>
        <location filename="../../ui/permission_words.py" line="57"/>
        <source>upgrade or restore the database</source>
        <translation>升级或恢复数据库</translation>
    </message>
    <message>
        <location filename="../../ui/permission_words.py" line="58"/>
        <source>record an order&apos;s video by hand</source>
        <translation>手动录制订单视频</translation>
    </message>
</context>
<context>
    <name>AlertsPanel</name>
    <message>
        <location filename="../../ui/board/alerts.py" line="120"/>
        <source>✔ Nothing is stuck.</source>
        <translation>✔ 没有滞留的订单。</translation>
    </message>
    <message>
        <location filename="../../ui/board/alerts.py" line="98"/>
        <source>⊘ Sound muted</source>
        <translation>⊘ 已静音</translation>
    </message>
    <message>
        <location filename="../../ui/board/alerts.py" line="98"/>
        <source>▶ Sound on</source>
        <translation>▶ 声音开</translation>
    </message>
    <message>
        <location filename="../../ui/board/alerts.py" line="99"/>
        <source>A bell rings when an order newly gets stuck</source>
        <translation>有订单新滞留时响铃提醒</translation>
    </message>
    <message>
        <location filename="../../ui/board/alerts.py" line="90"/>
        <location filename="../../ui/board/alerts.py" line="103"/>
        <source>Stuck when: %1</source>
        <translation>滞留规则：%1</translation>
    </message>
    <message>
        <location filename="../../ui/board/alerts.py" line="119"/>
        <source>⊗ Stuck orders: %1</source>
        <translation>⊗ 滞留订单：%1</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../../ui/audit_page.py" line="51"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/audit_page.py" line="52"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../ui/audit_page.py" line="53"/>
        <source>Counter</source>
        <translation>打包台</translation>
    </message>
    <message>
        <location filename="../../ui/audit_page.py" line="54"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../ui/audit_page.py" line="55"/>
        <source>On</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../../ui/audit_page.py" line="56"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../ui/audit_page.py" line="92"/>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../ui/audit_page.py" line="93"/>
        <source>User&apos;s name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../ui/audit_page.py" line="94"/>
        <source>Action (order, order.cancel, user…)</source>
        <translation>操作（order、order.cancel、user…）</translation>
    </message>
    <message>
        <location filename="../../ui/audit_page.py" line="101"/>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../../ui/audit_page.py" line="102"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/audit_page.py" line="103"/>
        <source>Check the record</source>
        <translation>校验记录</translation>
    </message>
    <message>
        <location filename="../../ui/audit_page.py" line="151"/>
        <source>Any time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <location filename="../../ui/audit_page.py" line="153"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../ui/audit_page.py" line="154"/>
        <source>Last %1 days</source>
        <translation>最近 %1 天</translation>
    </message>
    <message>
        <location filename="../../ui/audit_page.py" line="206"/>
        <source>%1 event</source>
        <translation>%1 条事件</translation>
    </message>
    <message>
        <location filename="../../ui/audit_page.py" line="206"/>
        <source>%1 events</source>
        <translation>%1 条事件</translation>
    </message>
    <message>
        <location filename="../../ui/audit_page.py" line="157"/>
        <source>read the audit record</source>
        <translation>查看审计记录</translation>
    </message>
    <message>
        <location filename="../../ui/audit_page.py" line="203"/>
        <source>The newest %1 events (narrow the search)</source>
        <translation>最新的 %1 条事件（请缩小搜索范围）</translation>
    </message>
    <message>
        <location filename="../../ui/audit_page.py" line="211"/>
        <source>The record could not be read: %1</source>
        <translation>无法读取记录：%1</translation>
    </message>
    <message>
        <location filename="../../ui/audit_page.py" line="219"/>
        <source>Export the audit record</source>
        <translation>导出审计记录</translation>
    </message>
    <message>
        <location filename="../../ui/audit_page.py" line="228"/>
        <source>%1 events written to %2</source>
        <translation>已将 %1 条事件写入 %2</translation>
    </message>
    <message>
        <location filename="../../ui/audit_page.py" line="235"/>
        <source>Checking every chain…</source>
        <translation>正在校验每条链…</translation>
    </message>
    <message>
        <location filename="../../ui/audit_page.py" line="253"/>
        <source>✔ The record is whole: %1 events in %2 chains, none changed.</source>
        <translation>✔ 记录完整：%2 条链中共 %1 条事件，均未被改动。</translation>
    </message>
    <message>
        <location filename="../../ui/audit_page.py" line="258"/>
        <source>✘ The record was changed: %1 breaks in %2 events. First: %3</source>
        <translation>✘ 记录被改动：%2 条事件中有 %1 处断裂。第一处：%3</translation>
    </message>
</context>
<context>
    <name>BackupTimer</name>
    <message>
        <location filename="../../ui/backup_timer.py" line="76"/>
        <source>The scheduled backup failed: %1</source>
        <translation>定时备份失败：%1</translation>
    </message>
</context>
<context>
    <name>Board</name>
    <message>
        <location filename="../../ui/board/columns.py" line="34"/>
        <source>⚠ %1 late</source>
        <translation>⚠ %1 单超时</translation>
    </message>
    <message>
        <location filename="../../ui/board/columns.py" line="36"/>
        <source>◆ %1 at risk</source>
        <translation>◆ %1 单有风险</translation>
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="94"/>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="96"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="97"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location filename="../../ui/board/cards.py" line="194"/>
        <location filename="../../ui/board/model.py" line="104"/>
        <source>⚠ Late</source>
        <translation>⚠ 已超时</translation>
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="106"/>
        <source>◆ At risk</source>
        <translation>◆ 有超时风险</translation>
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="108"/>
        <source>⊗ Stuck</source>
        <translation>⊗ 滞留</translation>
    </message>
    <message>
        <location filename="../../ui/board/model.py" line="109"/>
        <source>On time</source>
        <translation>准时</translation>
    </message>
    <message>
        <location filename="../../ui/board/card_layout.py" line="118"/>
        <source>held: %1</source>
        <translation>挂起原因：%1</translation>
    </message>
    <message>
        <location filename="../../ui/board/card_layout.py" line="124"/>
        <source>%1 at %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../../ui/board/card_layout.py" line="130"/>
        <source>in state %1</source>
        <translation>本状态 %1</translation>
    </message>
</context>
<context>
    <name>BoardColumn</name>
    <message>
        <location filename="../../ui/board/columns.py" line="84"/>
        <source>the %1 most urgent shown</source>
        <translation>显示最紧急的 %1 单</translation>
    </message>
    <message>
        <location filename="../../ui/board/columns.py" line="86"/>
        <source>The %1 most urgent of %2 are shown</source>
        <translation>显示 %2 单中最紧急的 %1 单</translation>
    </message>
</context>
<context>
    <name>BoardFilterBar</name>
    <message>
        <location filename="../../ui/board/filters.py" line="47"/>
        <source>Search order, customer, tracking number, SKU — or scan it</source>
        <translation>搜索订单号、客户、运单号、SKU —— 或直接扫码</translation>
    </message>
    <message>
        <location filename="../../ui/board/filters.py" line="56"/>
        <source>Open states</source>
        <translation>未完成状态</translation>
    </message>
    <message>
        <location filename="../../ui/board/filters.py" line="59"/>
        <source>Any channel</source>
        <translation>全部渠道</translation>
    </message>
    <message>
        <location filename="../../ui/board/filters.py" line="60"/>
        <source>Any carrier</source>
        <translation>全部承运商</translation>
    </message>
    <message>
        <location filename="../../ui/board/filters.py" line="61"/>
        <source>Any packer</source>
        <translation>全部打包员</translation>
    </message>
    <message>
        <location filename="../../ui/board/filters.py" line="62"/>
        <source>Any priority</source>
        <translation>全部优先级</translation>
    </message>
    <message>
        <location filename="../../ui/board/filters.py" line="63"/>
        <source>⚡ Expedited only</source>
        <translation>⚡ 仅加急</translation>
    </message>
    <message>
        <location filename="../../ui/board/filters.py" line="64"/>
        <source>Normal only</source>
        <translation>仅普通</translation>
    </message>
    <message>
        <location filename="../../ui/board/filters.py" line="65"/>
        <source>Any standing</source>
        <translation>全部时效</translation>
    </message>
    <message>
        <location filename="../../ui/board/filters.py" line="66"/>
        <source>⚠ Late</source>
        <translation>⚠ 已超时</translation>
    </message>
    <message>
        <location filename="../../ui/board/filters.py" line="67"/>
        <source>◆ At risk</source>
        <translation>◆ 有超时风险</translation>
    </message>
    <message>
        <location filename="../../ui/board/filters.py" line="70"/>
        <source>⚠ Late or ◆ at risk</source>
        <translation>⚠ 已超时或 ◆ 有风险</translation>
    </message>
    <message>
        <location filename="../../ui/board/filters.py" line="73"/>
        <source>⊗ Stuck</source>
        <translation>⊗ 滞留</translation>
    </message>
    <message>
        <location filename="../../ui/board/filters.py" line="74"/>
        <source>Any date</source>
        <translation>不限日期</translation>
    </message>
    <message>
        <location filename="../../ui/board/filters.py" line="75"/>
        <source>Ship by</source>
        <translation>最晚发货</translation>
    </message>
    <message>
        <location filename="../../ui/board/filters.py" line="76"/>
        <source>Ordered</source>
        <translation>下单</translation>
    </message>
    <message>
        <location filename="../../ui/board/filters.py" line="77"/>
        <source>Changed</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../../ui/board/filters.py" line="83"/>
        <source>Clear filter</source>
        <translation>清除筛选</translation>
    </message>
</context>
<context>
    <name>BoardPage</name>
    <message>
        <location filename="../../ui/board/page.py" line="128"/>
        <source>⊘ No orders match this filter.
Clear the filter or search for something else.</source>
        <translation>⊘ 没有符合筛选条件的订单。
请清除筛选或换个关键词搜索。</translation>
    </message>
    <message>
        <location filename="../../ui/board/page.py" line="142"/>
        <source>■ Columns</source>
        <translation>■ 看板</translation>
    </message>
    <message>
        <location filename="../../ui/board/page.py" line="143"/>
        <source>☰ Table</source>
        <translation>☰ 表格</translation>
    </message>
    <message>
        <location filename="../../ui/board/page.py" line="152"/>
        <source>◆ Wall display</source>
        <translation>◆ 大屏</translation>
    </message>
    <message>
        <location filename="../../ui/board/page.py" line="158"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location filename="../../ui/board/page.py" line="202"/>
        <source>⊗ Stuck</source>
        <translation>⊗ 滞留</translation>
    </message>
    <message>
        <location filename="../../ui/board/page.py" line="203"/>
        <source>⚑ Checks</source>
        <translation>⚑ 核查</translation>
    </message>
    <message>
        <location filename="../../ui/board/page.py" line="266"/>
        <source>Acting as %1</source>
        <translation>当前操作人：%1</translation>
    </message>
    <message>
        <location filename="../../ui/board/page.py" line="328"/>
        <source>%1 · live · updated %2</source>
        <translation>%1 · 实时 · 更新于 %2</translation>
    </message>
    <message>
        <location filename="../../ui/board/page.py" line="346"/>
        <source> The board shows what it saw at %1 and keeps trying.</source>
        <translation>看板显示 %1 时的数据，并在持续重试。</translation>
    </message>
    <message>
        <location filename="../../ui/board/page.py" line="349"/>
        <source>⚠ The database is not answering: %1</source>
        <translation>⚠ 数据库没有响应：%1</translation>
    </message>
</context>
<context>
    <name>BoardTableModel</name>
    <message>
        <location filename="../../ui/board/table_model.py" line="79"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../ui/board/table_model.py" line="80"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/board/table_model.py" line="81"/>
        <source>Standing</source>
        <translation>时效</translation>
    </message>
    <message>
        <location filename="../../ui/board/table_model.py" line="82"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/board/table_model.py" line="83"/>
        <source>Carrier</source>
        <translation>承运商</translation>
    </message>
    <message>
        <location filename="../../ui/board/table_model.py" line="84"/>
        <source>Packed</source>
        <translation>已打包</translation>
    </message>
    <message>
        <location filename="../../ui/board/table_model.py" line="85"/>
        <source>Ship by</source>
        <translation>最晚发货</translation>
    </message>
    <message>
        <location filename="../../ui/board/table_model.py" line="86"/>
        <source>In state for</source>
        <translation>停留时长</translation>
    </message>
    <message>
        <location filename="../../ui/board/table_model.py" line="87"/>
        <source>Packer</source>
        <translation>打包员</translation>
    </message>
    <message>
        <location filename="../../ui/board/table_model.py" line="88"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../ui/board/table_model.py" line="126"/>
        <source>Expedited: pack this order first</source>
        <translation>加急：请优先打包此订单</translation>
    </message>
</context>
<context>
    <name>Camera</name>
    <message>
        <location filename="../../ui/pack/camera_feed.py" line="142"/>
        <source>⚠ Camera off — packing goes on without video: %1</source>
        <translation>⚠ 摄像头未开 — 照常打包，没有视频：%1</translation>
    </message>
    <message>
        <location filename="../../ui/pack/camera_feed.py" line="228"/>
        <source>⚠ Camera lost — packing goes on, order %1 has no video</source>
        <translation>⚠ 摄像头断开 — 照常打包，订单 %1 没有视频</translation>
    </message>
    <message>
        <location filename="../../ui/pack/camera_feed.py" line="234"/>
        <source>⚠ Camera off — packing goes on without video</source>
        <translation>⚠ 摄像头未开 — 照常打包，没有视频</translation>
    </message>
    <message>
        <location filename="../../ui/pack/camera_feed.py" line="239"/>
        <source>⚠ Disk nearly full — orders are not recorded, packing goes on</source>
        <translation>⚠ 磁盘快满了 — 订单不录像，照常打包</translation>
    </message>
    <message>
        <location filename="../../ui/pack/camera_feed.py" line="245"/>
        <source>⚠ Camera: the video of order %1 was not saved</source>
        <translation>⚠ 摄像头：订单 %1 的视频未能保存</translation>
    </message>
    <message>
        <location filename="../../ui/pack/camera_feed.py" line="252"/>
        <source>● REC — order %1</source>
        <translation>● 录像中 — 订单 %1</translation>
    </message>
    <message>
        <location filename="../../ui/pack/camera_feed.py" line="256"/>
        <source>Recording order %1</source>
        <translation>正在录制订单 %1</translation>
    </message>
    <message>
        <location filename="../../ui/pack/camera_feed.py" line="259"/>
        <source>Camera ready, not recording</source>
        <translation>摄像头就绪，未在录像</translation>
    </message>
</context>
<context>
    <name>CardDelegate</name>
    <message>
        <location filename="../../ui/board/card_layout.py" line="224"/>
        <source>⚡ Expedited</source>
        <translation>⚡ 加急</translation>
    </message>
    <message>
        <location filename="../../ui/board/card_layout.py" line="347"/>
        <source>1 line</source>
        <translation>1 行</translation>
    </message>
    <message>
        <location filename="../../ui/board/card_layout.py" line="349"/>
        <source>%1 lines</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <location filename="../../ui/board/card_layout.py" line="356"/>
        <source>%1 packed</source>
        <translation>已打包 %1</translation>
    </message>
    <message>
        <location filename="../../ui/board/card_layout.py" line="343"/>
        <source>ship by %1</source>
        <translation>最晚发货 %1</translation>
    </message>
</context>
<context>
    <name>Checks</name>
    <message>
        <location filename="../../ui/board/checks.py" line="34"/>
        <source>Packed, not shipped</source>
        <translation>已打包未发货</translation>
    </message>
    <message>
        <location filename="../../ui/board/checks.py" line="35"/>
        <source>Label without a packed order</source>
        <translation>面单已打印但订单未打包</translation>
    </message>
    <message>
        <location filename="../../ui/board/checks.py" line="38"/>
        <source>Held by an absent station</source>
        <translation>被离线工位占用</translation>
    </message>
    <message>
        <location filename="../../ui/board/checks.py" line="41"/>
        <source>Import count differs</source>
        <translation>导入数量不一致</translation>
    </message>
    <message>
        <location filename="../../ui/board/checks.py" line="42"/>
        <source>Missed the carrier&apos;s cut-off</source>
        <translation>错过快递截单时间</translation>
    </message>
    <message>
        <location filename="../../ui/board/checks.py" line="43"/>
        <source>Tracking numbers running low</source>
        <translation>运单号即将用完</translation>
    </message>
    <message>
        <location filename="../../ui/board/checks.py" line="44"/>
        <source>Count without scans</source>
        <translation>数量与扫描记录不符</translation>
    </message>
    <message>
        <location filename="../../ui/board/checks.py" line="45"/>
        <source>Catalogue weight looks wrong</source>
        <translation>商品目录重量可能有误</translation>
    </message>
    <message>
        <location filename="../../ui/board/checks.py" line="48"/>
        <source>Audit record changed</source>
        <translation>审计记录被改动</translation>
    </message>
    <message>
        <location filename="../../ui/board/checks.py" line="49"/>
        <source>Shipment not cancelled at its carrier</source>
        <translation>运单未在承运商处取消</translation>
    </message>
</context>
<context>
    <name>ChecksPanel</name>
    <message>
        <location filename="../../ui/board/checks.py" line="108"/>
        <source>⚑ Run the check</source>
        <translation>⚑ 运行核查</translation>
    </message>
    <message>
        <location filename="../../ui/board/checks.py" line="113"/>
        <source>Not run yet.</source>
        <translation>尚未运行。</translation>
    </message>
    <message>
        <location filename="../../ui/board/checks.py" line="74"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ui/board/checks.py" line="75"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../ui/board/checks.py" line="76"/>
        <source>Since</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../../ui/board/checks.py" line="77"/>
        <source>What</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../ui/board/checks.py" line="125"/>
        <source>Checking…</source>
        <translation>核查中…</translation>
    </message>
    <message>
        <location filename="../../ui/board/checks.py" line="116"/>
        <source>✔ Nothing to look at (checked %1).</source>
        <translation>✔ 没有需要处理的问题（核查于 %1）。</translation>
    </message>
    <message>
        <location filename="../../ui/board/checks.py" line="120"/>
        <source>⚠ %1 things to look at (checked %2).</source>
        <translation>⚠ 有 %1 个问题需要处理（核查于 %2）。</translation>
    </message>
    <message>
        <location filename="../../ui/board/checks.py" line="111"/>
        <source>✖ Could not check: %1</source>
        <translation>✖ 无法核查：%1</translation>
    </message>
</context>
<context>
    <name>Command</name>
    <message>
        <location filename="../../ui/words.py" line="52"/>
        <source>Undo last</source>
        <translation>撤销上一步</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="53"/>
        <source>Short</source>
        <translation>缺货</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="54"/>
        <source>Short (not found)</source>
        <translation>缺货（找不到）</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="55"/>
        <source>Short (damaged)</source>
        <translation>缺货（破损）</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="56"/>
        <source>Hold</source>
        <translation>挂起</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="57"/>
        <source>Complete</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="58"/>
        <source>Next parcel</source>
        <translation>下一个包裹</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="59"/>
        <source>Reprint</source>
        <translation>重新打印</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="60"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
</context>
<context>
    <name>DockPage</name>
    <message>
        <location filename="../../ui/dock/page.py" line="84"/>
        <source>choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <location filename="../../ui/dock/page.py" line="116"/>
        <source>Type a label&apos;s number and press Enter</source>
        <translation>输入面单号后按回车</translation>
    </message>
    <message>
        <location filename="../../ui/dock/page.py" line="145"/>
        <source>Carrier:</source>
        <translation>承运商：</translation>
    </message>
    <message>
        <location filename="../../ui/dock/page.py" line="229"/>
        <location filename="../../ui/dock/page.py" line="299"/>
        <source>Choose the carrier first</source>
        <translation>请先选择承运商</translation>
    </message>
    <message>
        <location filename="../../ui/dock/page.py" line="233"/>
        <source>Scan your badge first</source>
        <translation>请先扫工牌</translation>
    </message>
    <message>
        <location filename="../../ui/dock/page.py" line="241"/>
        <source>Click CLOSE MANIFEST again to close it</source>
        <translation>再点一次“关闭交接单”才会关闭</translation>
    </message>
    <message>
        <location filename="../../ui/dock/page.py" line="255"/>
        <source>Closing the %1 manifest…</source>
        <translation>正在关闭 %1 的交接单…</translation>
    </message>
    <message>
        <location filename="../../ui/dock/page.py" line="290"/>
        <source>NOT A BADGE: scan your badge</source>
        <translation>不是工牌：请扫工牌</translation>
    </message>
    <message>
        <location filename="../../ui/dock/page.py" line="292"/>
        <source>%1 is no loader&apos;s badge. Sign in first, then scan labels.</source>
        <translation>%1 不是装车员的工牌。请先登录，再扫面单。</translation>
    </message>
    <message>
        <location filename="../../ui/dock/page.py" line="302"/>
        <source>%1 was not loaded: choose the carrier&apos;s truck, then scan it again.</source>
        <translation>%1 未装车：请先选择承运商，再扫一次。</translation>
    </message>
    <message>
        <location filename="../../ui/dock/page.py" line="313"/>
        <source>Signed in: %1</source>
        <translation>已登录：%1</translation>
    </message>
    <message>
        <location filename="../../ui/dock/page.py" line="365"/>
        <source>⚠ Order %1 still missing: parcel %2</source>
        <translation>⚠ 订单 %1 还缺：包裹 %2</translation>
    </message>
    <message>
        <location filename="../../ui/dock/manifest_news.py" line="38"/>
        <source>PDF: %1
CSV: %2</source>
        <translation>PDF：%1
CSV：%2</translation>
    </message>
    <message>
        <location filename="../../ui/dock/page.py" line="244"/>
        <source>Within 5 s: the %1 manifest closes (parcels on it: %2); a parcel scanned after it goes on the next one.</source>
        <translation>请在 5 秒内再点：%1 的交接单将关闭（已装 %2 个包裹）；之后扫描的包裹进入下一张交接单。</translation>
    </message>
    <message>
        <location filename="../../ui/dock/manifest_news.py" line="24"/>
        <source>Parcels on it: %1, missing: %2. Print the PDF for the driver to sign.</source>
        <translation>已装 %1 个包裹，缺 %2 个。请打印 PDF 交司机签字。</translation>
    </message>
    <message>
        <location filename="../../ui/dock/manifest_news.py" line="21"/>
        <source>MANIFEST %1 CLOSED</source>
        <translation>交接单 %1 已关闭</translation>
    </message>
    <message>
        <location filename="../../ui/dock/manifest_news.py" line="46"/>
        <source>No parcel has been loaded onto the %1 truck yet.</source>
        <translation>%1 的车上还没有装任何包裹。</translation>
    </message>
    <message>
        <location filename="../../ui/dock/manifest_news.py" line="53"/>
        <source>Manifest %1 was closed at %2; no parcel has been loaded onto the %3 truck since.</source>
        <translation>交接单 %1 已于 %2 关闭；此后没有包裹装上 %3 的车。</translation>
    </message>
    <message>
        <location filename="../../ui/dock/manifest_news.py" line="62"/>
        <source>NOTHING TO CLOSE</source>
        <translation>没有可关闭的交接单</translation>
    </message>
    <message>
        <location filename="../../ui/dock/manifest_news.py" line="70"/>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <location filename="../../ui/dock/manifest_news.py" line="71"/>
        <location filename="../../ui/dock/manifest_news.py" line="72"/>
        <source>this computer may not write there</source>
        <translation>本机无权写入该处</translation>
    </message>
    <message>
        <location filename="../../ui/dock/manifest_news.py" line="73"/>
        <source>the folder is read-only</source>
        <translation>该文件夹只读</translation>
    </message>
    <message>
        <location filename="../../ui/dock/manifest_news.py" line="74"/>
        <location filename="../../ui/dock/manifest_news.py" line="75"/>
        <source>the folder does not exist</source>
        <translation>该文件夹不存在</translation>
    </message>
    <message>
        <location filename="../../ui/dock/manifest_news.py" line="76"/>
        <source>the system refused</source>
        <translation>系统拒绝写入</translation>
    </message>
    <message>
        <location filename="../../ui/dock/manifest_news.py" line="82"/>
        <source>Manifest %1 is closed, but its PDF and CSV could not be written in %2: %3. Free the folder or choose another, then write them again: packdesk manifest files %1 --out FOLDER.</source>
        <translation>交接单 %1 已关闭，但其 PDF 和 CSV 无法写入 %2：%3。请腾出空间或换一个文件夹，然后重新写出：packdesk manifest files %1 --out FOLDER。</translation>
    </message>
    <message>
        <location filename="../../ui/dock/manifest_news.py" line="92"/>
        <source>MANIFEST FILES NOT WRITTEN</source>
        <translation>交接单文件未写出</translation>
    </message>
    <message>
        <location filename="../../ui/dock/page.py" line="356"/>
        <source>Not done: try again</source>
        <translation>未完成：请重试</translation>
    </message>
    <message>
        <location filename="../../ui/dock/page.py" line="377"/>
        <source>On this load: %1</source>
        <translation>本车已装：%1</translation>
    </message>
    <message>
        <location filename="../../ui/dock/page.py" line="379"/>
        <source>Manifest %1</source>
        <translation>交接单 %1</translation>
    </message>
    <message>
        <location filename="../../ui/dock/page.py" line="381"/>
        <source>Manifest: opens with the first parcel</source>
        <translation>交接单：扫第一个包裹时开启</translation>
    </message>
    <message>
        <location filename="../../ui/dock/page.py" line="390"/>
        <source>⚠ Click again to close</source>
        <translation>⚠ 再点一次即关闭</translation>
    </message>
    <message>
        <location filename="../../ui/dock/page.py" line="392"/>
        <source>Close manifest (%1)</source>
        <translation>关闭交接单（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/dock/page.py" line="394"/>
        <source>Close manifest</source>
        <translation>关闭交接单</translation>
    </message>
    <message>
        <location filename="../../ui/dock/page.py" line="398"/>
        <source>① Scan your badge</source>
        <translation>① 请扫工牌</translation>
    </message>
    <message>
        <location filename="../../ui/dock/page.py" line="400"/>
        <source>② Choose the carrier</source>
        <translation>② 请选择承运商</translation>
    </message>
    <message>
        <location filename="../../ui/dock/page.py" line="401"/>
        <source>③ Scan each parcel&apos;s label</source>
        <translation>③ 逐个扫描包裹面单</translation>
    </message>
    <message>
        <location filename="../../ui/dock/page.py" line="405"/>
        <source>Scan your badge to sign in, then each parcel&apos;s label.</source>
        <translation>扫工牌登录，然后逐个扫描包裹面单。</translation>
    </message>
    <message>
        <location filename="../../ui/dock/page.py" line="407"/>
        <source>Choose the carrier whose truck you load, at the top right.</source>
        <translation>请在右上角选择要装车的承运商。</translation>
    </message>
    <message>
        <location filename="../../ui/dock/page.py" line="409"/>
        <source>Loading the %1 truck: scan each parcel&apos;s label as it goes on.</source>
        <translation>正在装 %1 的车：每个包裹上车时扫描它的面单。</translation>
    </message>
    <message>
        <location filename="../../ui/dock/page.py" line="416"/>
        <source>Loader: %1</source>
        <translation>装车员：%1</translation>
    </message>
    <message>
        <location filename="../../ui/dock/page.py" line="418"/>
        <source>Nobody signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <location filename="../../ui/dock/page.py" line="432"/>
        <source>%1 scans waiting…</source>
        <translation>%1 次扫描等待处理…</translation>
    </message>
</context>
<context>
    <name>DockScansModel</name>
    <message>
        <location filename="../../ui/dock/scans_model.py" line="40"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/dock/scans_model.py" line="41"/>
        <source>Label</source>
        <translation>面单号</translation>
    </message>
    <message>
        <location filename="../../ui/dock/scans_model.py" line="42"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../ui/dock/scans_model.py" line="43"/>
        <source>Parcel</source>
        <translation>包裹</translation>
    </message>
    <message>
        <location filename="../../ui/dock/scans_model.py" line="44"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
</context>
<context>
    <name>DockState</name>
    <message>
        <location filename="../../ui/dock/dock_words.py" line="106"/>
        <source>new, not packed</source>
        <translation>新建、未打包</translation>
    </message>
    <message>
        <location filename="../../ui/dock/dock_words.py" line="107"/>
        <source>back in the queue, not packed</source>
        <translation>已退回待打包、未打包</translation>
    </message>
    <message>
        <location filename="../../ui/dock/dock_words.py" line="108"/>
        <source>being packed again</source>
        <translation>正在重新打包</translation>
    </message>
    <message>
        <location filename="../../ui/dock/dock_words.py" line="109"/>
        <source>packed</source>
        <translation>已打包</translation>
    </message>
    <message>
        <location filename="../../ui/dock/dock_words.py" line="110"/>
        <source>shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <location filename="../../ui/dock/dock_words.py" line="111"/>
        <source>on hold</source>
        <translation>已挂起</translation>
    </message>
    <message>
        <location filename="../../ui/dock/dock_words.py" line="112"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>DockWords</name>
    <message>
        <location filename="../../ui/dock/dock_words.py" line="19"/>
        <source>Loaded: %1, order %2, parcel %3. Still missing: parcel %4.</source>
        <translation>已装车：%1，订单 %2，包裹 %3。还缺：包裹 %4。</translation>
    </message>
    <message>
        <location filename="../../ui/dock/dock_words.py" line="25"/>
        <source>Shipped: order %1 (%2) is on the %3 truck. On this load: %4.</source>
        <translation>已发货：订单 %1（%2）已装上 %3 的车。本车已装：%4。</translation>
    </message>
    <message>
        <location filename="../../ui/dock/dock_words.py" line="31"/>
        <source>Shipped: order %1, its %2 parcels are all on the %3 truck. On this load: %4.</source>
        <translation>已发货：订单 %1 的 %2 个包裹已全部装上 %3 的车。本车已装：%4。</translation>
    </message>
    <message>
        <location filename="../../ui/dock/dock_words.py" line="37"/>
        <source>Scanned twice: %1 was loaded at %2 onto %3. It is on the truck already.</source>
        <translation>重复扫描：%1 已于 %2 装入 %3。它已经在车上了。</translation>
    </message>
    <message>
        <location filename="../../ui/dock/dock_words.py" line="43"/>
        <source>Unknown label %1: no parcel has this number. Keep it off the truck.</source>
        <translation>未知面单 %1：没有包裹是这个单号。不要装车。</translation>
    </message>
    <message>
        <location filename="../../ui/dock/dock_words.py" line="49"/>
        <source>Wrong truck: %1 is a %2 parcel, this load is %3. Keep it off.</source>
        <translation>装错车：%1 是 %2 的包裹，这车是 %3 的。不要装。</translation>
    </message>
    <message>
        <location filename="../../ui/dock/dock_words.py" line="55"/>
        <source>STOP: order %1 is %2. This parcel must not leave: take it off the truck.</source>
        <translation>停！订单 %1 %2。此包裹不得发出：请从车上取下。</translation>
    </message>
    <message>
        <location filename="../../ui/dock/dock_words.py" line="61"/>
        <source>STOP: order %1 now goes with %2, its label is for %3. Print its label again.</source>
        <translation>停！订单 %1 已改由 %2 承运，面单却是 %3 的。请重新打印面单。</translation>
    </message>
    <message>
        <location filename="../../ui/dock/dock_words.py" line="67"/>
        <source>Order %1&apos;s parcel %2 has no tracking number yet: print its waybill first.</source>
        <translation>订单 %1 的包裹 %2 还没有运单号：请先打印面单。</translation>
    </message>
    <message>
        <location filename="../../ui/dock/dock_words.py" line="73"/>
        <source>Order %1 has no waybill yet: print its waybill first.</source>
        <translation>订单 %1 还没有面单：请先打印面单。</translation>
    </message>
    <message>
        <location filename="../../ui/dock/dock_words.py" line="79"/>
        <source>%1 is the order&apos;s number: scan the tracking number on its waybill.</source>
        <translation>%1 是订单号：请扫描面单上的运单号。</translation>
    </message>
    <message>
        <location filename="../../ui/dock/dock_words.py" line="85"/>
        <source>STOP: order %1 is %2 but its parcel %3 is on load %4: take it off the truck.</source>
        <translation>停！订单 %1 %2，但其包裹 %3 已在交接单 %4 上：请从车上取下。</translation>
    </message>
    <message>
        <location filename="../../ui/dock/dock_words.py" line="91"/>
        <source>Order %1 has %2 parcels: scan each parcel&apos;s own label, not the order.</source>
        <translation>订单 %1 有 %2 个包裹：请逐个扫描每个包裹自己的面单，不要扫订单号。</translation>
    </message>
    <message>
        <location filename="../../ui/dock/dock_words.py" line="97"/>
        <source>%1 is not a label: %2</source>
        <translation>%1 不是面单：%2</translation>
    </message>
</context>
<context>
    <name>Document</name>
    <message>
        <location filename="../../ui/words.py" line="74"/>
        <source>Waybill</source>
        <translation>快递面单</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="75"/>
        <source>Packing slip</source>
        <translation>装箱单</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="76"/>
        <source>Pick list</source>
        <translation>拣货单</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="77"/>
        <source>Command sheet</source>
        <translation>命令条码表</translation>
    </message>
</context>
<context>
    <name>DocumentForm</name>
    <message>
        <location filename="../../ui/document_form.py" line="103"/>
        <source>e.g. %1</source>
        <translation>例如：%1</translation>
    </message>
    <message>
        <location filename="../../ui/document_form.py" line="105"/>
        <source>e.g. 华东仓 East China DC</source>
        <translation>例如：华东仓 East China DC</translation>
    </message>
    <message>
        <location filename="../../ui/document_form.py" line="112"/>
        <source>One address line a row, e.g.
%1
%2</source>
        <translation>每行填一行地址，例如：
%1
%2</translation>
    </message>
    <message>
        <location filename="../../ui/document_form.py" line="119"/>
        <source>e.g. 上海市 or Leeds</source>
        <translation>例如：上海市 或 Leeds</translation>
    </message>
    <message>
        <location filename="../../ui/document_form.py" line="120"/>
        <source>e.g. 上海 or West Yorkshire</source>
        <translation>例如：上海 或 West Yorkshire</translation>
    </message>
    <message>
        <location filename="../../ui/document_form.py" line="122"/>
        <source>e.g. CN, 中国 or GB</source>
        <translation>例如：CN、中国 或 GB</translation>
    </message>
    <message>
        <location filename="../../ui/document_form.py" line="124"/>
        <source>may stay empty</source>
        <translation>可留空</translation>
    </message>
    <message>
        <location filename="../../ui/document_form.py" line="129"/>
        <source>A4 (210 × 297 mm)</source>
        <translation>A4（210 × 297 毫米）</translation>
    </message>
    <message>
        <location filename="../../ui/document_form.py" line="131"/>
        <source>Letter (8.5 × 11 in)</source>
        <translation>Letter（8.5 × 11 英寸）</translation>
    </message>
    <message>
        <location filename="../../ui/document_form.py" line="141"/>
        <source>Sender: the return address on every waybill</source>
        <translation>寄件人：每张面单上的寄件地址</translation>
    </message>
    <message>
        <location filename="../../ui/document_form.py" line="145"/>
        <source>Name *</source>
        <translation>名称 *</translation>
    </message>
    <message>
        <location filename="../../ui/document_form.py" line="146"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/document_form.py" line="147"/>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <location filename="../../ui/document_form.py" line="148"/>
        <source>Province / region</source>
        <translation>省 / 地区</translation>
    </message>
    <message>
        <location filename="../../ui/document_form.py" line="149"/>
        <source>Postal code</source>
        <translation>邮编</translation>
    </message>
    <message>
        <location filename="../../ui/document_form.py" line="150"/>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <location filename="../../ui/document_form.py" line="151"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/document_form.py" line="156"/>
        <source>Packing slips, SSCCs and previews</source>
        <translation>装箱单、SSCC 与预览</translation>
    </message>
    <message>
        <location filename="../../ui/document_form.py" line="159"/>
        <source>Shop name (on packing slips)</source>
        <translation>店铺名称（印在装箱单上）</translation>
    </message>
    <message>
        <location filename="../../ui/document_form.py" line="160"/>
        <source>Paper for slips and pick lists</source>
        <translation>装箱单和拣货单用纸</translation>
    </message>
    <message>
        <location filename="../../ui/document_form.py" line="165"/>
        <source>GS1 company prefix</source>
        <translation>GS1 厂商识别代码</translation>
    </message>
    <message>
        <location filename="../../ui/document_form.py" line="166"/>
        <source>Preview folder</source>
        <translation>预览文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/document_form.py" line="262"/>
        <source>First SSCC: %1 · room for %2 parcels</source>
        <translation>第一个 SSCC：%1 · 可用于 %2 个包裹</translation>
    </message>
    <message>
        <location filename="../../ui/document_form.py" line="268"/>
        <source>Empty: waybills carry no SSCC.</source>
        <translation>留空：面单上不印 SSCC。</translation>
    </message>
</context>
<context>
    <name>DocumentSettings</name>
    <message>
        <location filename="../../ui/document_form.py" line="47"/>
        <source>The waybill needs the sender&apos;s name.</source>
        <translation>面单需要寄件人名称。</translation>
    </message>
    <message>
        <location filename="../../ui/document_form.py" line="51"/>
        <source>No return address: the waybill will show only the sender&apos;s name.</source>
        <translation>没有寄件地址：面单上只会显示寄件人名称。</translation>
    </message>
    <message>
        <location filename="../../ui/document_form.py" line="55"/>
        <source>A GS1 company prefix is %1 to %2 digits, such as 6901234.</source>
        <translation>GS1 厂商识别代码为 %1 至 %2 位数字，例如 6901234。</translation>
    </message>
    <message>
        <location filename="../../ui/document_form.py" line="60"/>
        <source>Choose A4 or Letter.</source>
        <translation>请选择 A4 或 Letter。</translation>
    </message>
    <message>
        <location filename="../../ui/document_form.py" line="62"/>
        <source>Give a full path, such as %1.</source>
        <translation>请填写完整路径，例如 %1。</translation>
    </message>
    <message>
        <location filename="../../ui/document_settings.py" line="74"/>
        <source>✔ Save</source>
        <translation>✔ 保存</translation>
    </message>
    <message>
        <location filename="../../ui/document_settings.py" line="76"/>
        <source>Preview a waybill</source>
        <translation>预览面单</translation>
    </message>
    <message>
        <location filename="../../ui/document_settings.py" line="81"/>
        <source>A made-up order with these settings, as this station&apos;s label printer prints it</source>
        <translation>用这些设置和一张示例订单，显示本工作台标签打印机打出的样子</translation>
    </message>
    <message>
        <location filename="../../ui/document_settings.py" line="85"/>
        <source>↺ Read the file again</source>
        <translation>↺ 重新读取文件</translation>
    </message>
    <message>
        <location filename="../../ui/document_settings.py" line="117"/>
        <source>change the printing settings</source>
        <translation>修改打印设置</translation>
    </message>
    <message>
        <location filename="../../ui/document_settings.py" line="147"/>
        <location filename="../../ui/document_settings.py" line="149"/>
        <source>● Changed, not saved yet.</source>
        <translation>● 已修改，尚未保存。</translation>
    </message>
    <message>
        <location filename="../../ui/document_settings.py" line="177"/>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <location filename="../../ui/document_settings.py" line="183"/>
        <location filename="../../ui/document_settings.py" line="226"/>
        <source>Kept in %1.</source>
        <translation>保存在 %1。</translation>
    </message>
    <message>
        <location filename="../../ui/document_settings.py" line="193"/>
        <source>The printing settings file cannot be read.</source>
        <translation>无法读取打印设置文件。</translation>
    </message>
    <message>
        <location filename="../../ui/document_settings.py" line="198"/>
        <source>The form shows the defaults. Correct the file and read it again, or fill in the form and save: the old file is then kept beside the new one.</source>
        <translation>表单显示的是默认值。请修正该文件后重新读取，或填写表单并保存：旧文件会保留在新文件旁边。</translation>
    </message>
    <message>
        <location filename="../../ui/document_settings.py" line="210"/>
        <source>⚠ Not saved: correct the fields marked in red.</source>
        <translation>⚠ 未保存：请更正红色标出的项。</translation>
    </message>
    <message>
        <location filename="../../ui/document_settings.py" line="215"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../ui/document_settings.py" line="230"/>
        <source>✔ Saved. Waybills and slips rendered from now on use these settings.</source>
        <translation>✔ 已保存。此后生成的面单和装箱单都使用这些设置。</translation>
    </message>
    <message>
        <location filename="../../ui/document_settings.py" line="232"/>
        <source>The old file is kept as %1.</source>
        <translation>旧文件已保留为 %1。</translation>
    </message>
    <message>
        <location filename="../../ui/document_settings.py" line="246"/>
        <source>⚠ Correct the fields marked in red first.</source>
        <translation>⚠ 请先更正红色标出的项。</translation>
    </message>
    <message>
        <location filename="../../ui/document_settings.py" line="257"/>
        <source>sample waybill</source>
        <translation>示例面单</translation>
    </message>
</context>
<context>
    <name>EngineWords</name>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="22"/>
        <source>Signed out; the open order stays with this station.</source>
        <translation>已退出登录；未完成的订单仍留在本工位。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="28"/>
        <source>Signed out.</source>
        <translation>已退出登录。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="34"/>
        <source>Signed in: %1. SHORT is cancelled: scan it again if one is missing.</source>
        <translation>已登录：%1。“缺货”已取消：如仍有缺件，请重新扫描。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="40"/>
        <source>Signed in: %1. %2 is not counted: scan it again, then its number.</source>
        <translation>已登录：%1。%2 未计数：请重新扫描该商品，再扫其编号。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="46"/>
        <source>%1 takes over order %2 from %3: %4 left to pack.</source>
        <translation>%1 接手订单 %2（原由 %3 打包）：还剩 %4 件要装。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="52"/>
        <source>The counter locked after a pause: scan your badge to go on.</source>
        <translation>工位长时间未操作已锁定：请扫工牌继续。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="58"/>
        <source>That badge&apos;s user is disabled: it signs nobody in. Ask an admin.</source>
        <translation>此工牌的用户已停用，无法登录。请联系管理员。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="64"/>
        <source>%1 needs an open order; scan one first.</source>
        <translation>“%1”需要先打开订单：请先扫描订单。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="70"/>
        <source>Cancelled: no serial number expected any more.</source>
        <translation>已取消：不再等待序列号。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="76"/>
        <source>Cancelled: no lot number expected any more.</source>
        <translation>已取消：不再等待批号。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="82"/>
        <source>Cancelled: no missing item expected any more.</source>
        <translation>已取消：不再等待缺货商品。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="88"/>
        <source>%1 is an item, not a serial or lot number: %2 is not counted yet.</source>
        <translation>%1 是商品条码，不是序列号或批号：%2 还未计数。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="94"/>
        <source>%1 is an order, not a serial or lot number: %2 is not counted yet.</source>
        <translation>%1 是订单，不是序列号或批号：%2 还未计数。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="100"/>
        <source>That GS1 code holds no serial number of %1: %1 is not counted yet.</source>
        <translation>这个 GS1 码里没有 %1 的序列号：%1 还没有计数。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="106"/>
        <source>That GS1 code holds no lot number of %1: %1 is not counted yet.</source>
        <translation>这个 GS1 码里没有 %1 的批次号：%1 还没有计数。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="112"/>
        <source>%1 does not look like a serial number of %2: %2 is not counted yet.</source>
        <translation>%1 不像是 %2 的序列号：%2 还没有计数。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="118"/>
        <source>Lot %1 may hide a past expiry, %2 (lost separator?): if the label is good, F8 and type the lot.</source>
        <translation>批号 %1 末尾可能是已过的有效期 %2（分隔符丢了？）：如标签无误，按 F8 并手输批号。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="125"/>
        <source>Packed, but lot %1 may hide a past expiry, %2: check the label.</source>
        <translation>已装箱，但批号 %1 末尾可能是已过的有效期 %2：请核对标签。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="131"/>
        <source>This code counts %2 of %1, but only %3 more fit: open it, scan them singly.</source>
        <translation>这个条码计 %2 件 %1，但只还差 %3 件：请拆开，逐件扫描。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="137"/>
        <source>Nothing to undo.</source>
        <translation>没有可撤销的扫描。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="143"/>
        <source>Undone: %1 back to %2/%3. Take it out of the box.</source>
        <translation>已撤销：%1 退回到 %2/%3。请把它从箱子里取出。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="149"/>
        <source>Undone: %1 is no longer marked short; %2 to pack again.</source>
        <translation>已撤销：%1 不再标记缺货；还要再装 %2 件。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="155"/>
        <source>%1 found: %2 no longer marked short; %3/%4.</source>
        <translation>%1 找到了：%2 件不再标记缺货；%3/%4。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="161"/>
        <source>Undone: %1 back to %2/%3, and %4 marked short again. Take it out.</source>
        <translation>已撤销：%1 退回 %2/%3，%4 件重新标记缺货。请从箱中取出。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="167"/>
        <source>Order %1 is not finished (%2 packed, %3 to go). Finish it, or take every item out of the box and scan %4 again to switch to it.</source>
        <translation>订单 %1 还没装完（已装 %2 件，还差 %3 件）。请先装完；或把箱子里的商品全部取出，再扫一次 %4 换成它。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="174"/>
        <source>Order %1 went back to the queue with its %2 packed units taken back: empty this box before you pack order %3.</source>
        <translation>订单 %1 已退回队列，已装的 %2 件已撤销：请先清空这个箱子，再打包订单 %3。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="181"/>
        <source>%1 items still to pack. Scan them, or scan SHORT and the missing item.</source>
        <translation>还有 %1 件未装箱。请扫描它们，或扫描“缺货”再扫描缺少的商品。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="187"/>
        <source>Order %1 is short: on hold for a supervisor.</source>
        <translation>订单 %1 缺货：已暂停，等待主管处理。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="193"/>
        <source>Order %1 complete; printing its documents.</source>
        <translation>订单 %1 已完成，正在打印单据。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="199"/>
        <source>Scan the item that is missing (UNDO to cancel).</source>
        <translation>请扫描缺少的商品（扫描“撤销”可取消）。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="205"/>
        <source>%1 is already complete; nothing marked short.</source>
        <translation>%1 已装齐，未标记缺货。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="211"/>
        <source>%1: %2 marked short.</source>
        <translation>%1：已标记缺货 %2 件。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="217"/>
        <source>%1: %2 marked short (%3).</source>
        <translation>%1：已标记缺货 %2 件（%3）。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="223"/>
        <source>Order %1 on hold; put the box aside.</source>
        <translation>订单 %1 已暂停：请把箱子放到一边。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="229"/>
        <source>Parcel %1 started for order %2.</source>
        <translation>订单 %2 已开始第 %1 个包裹。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="235"/>
        <source>Undone: parcel %1 taken back; keep packing into parcel %2.</source>
        <translation>已撤销：第 %1 个包裹已取消，商品继续装入第 %2 个包裹。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="241"/>
        <source>Undone: parcel %1 taken back and parcel %2&apos;s weight (%3 g) forgotten; keep packing into parcel %2, then weigh it again.</source>
        <translation>已撤销：第 %1 个包裹已取消，第 %2 个包裹的重量（%3 克）作废；商品继续装入第 %2 个包裹，装满后重新称重。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="248"/>
        <source>Parcel %1 stays: items were packed into it since.</source>
        <translation>第 %1 个包裹保留：之后已往里装了商品。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="254"/>
        <source>Parcel %1 stays: its label may be printed already.</source>
        <translation>第 %1 个包裹保留：面单可能已经打印。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="260"/>
        <source>Parcel %1 stays: another parcel was begun after it.</source>
        <translation>第 %1 个包裹保留：之后又开了新的包裹。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="266"/>
        <source>Parcel %1 is still empty: pack something in it first.</source>
        <translation>包裹 %1 还是空的：请先往里装货。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="272"/>
        <source>Nothing to reprint: no order was packed here yet.</source>
        <translation>没有可重新打印的：本工位还没有装完任何订单。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="278"/>
        <source>Reprinting the documents of order %1.</source>
        <translation>正在重新打印订单 %1 的单据。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="284"/>
        <source>Order %1 is no longer packed: its documents are not printed again.</source>
        <translation>订单 %1 已不再是已装箱状态：不重新打印其单据。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="290"/>
        <source>Manual confirmation is switched off at this station.</source>
        <translation>本工位已关闭手动确认。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="296"/>
        <source>The open order no longer exists.</source>
        <translation>当前订单已不存在。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="302"/>
        <source>Order %1 was taken over by another station.</source>
        <translation>订单 %1 已被其他工位接管。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="308"/>
        <source>Order %1 was put on hold while open; stop packing it.</source>
        <translation>订单 %1 在打开期间被暂停：请停止装箱。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="314"/>
        <source>Order %1 was cancelled while open; stop packing it.</source>
        <translation>订单 %1 在打开期间被取消：请停止装箱。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="320"/>
        <source>Order %1 was released while open; stop packing it.</source>
        <translation>订单 %1 在打开期间被退回队列：请停止装箱。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="326"/>
        <source>Order %1 was closed while open; stop packing it.</source>
        <translation>订单 %1 在打开期间已被关闭：请停止装箱。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="332"/>
        <source>Order %1 has shipped while open; stop packing it.</source>
        <translation>订单 %1 在打开期间已发货：请停止装箱。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="338"/>
        <source>Order %1 changed while open; stop packing it.</source>
        <translation>订单 %1 在打开期间状态已改变：请停止装箱。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="344"/>
        <source>Order %1: every item is in. Put the parcel on the scale.</source>
        <translation>订单 %1：商品已全部装箱。请把包裹放到秤上。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="350"/>
        <source>Order %1 complete: %2 g (%3 g expected); printing its documents.</source>
        <translation>订单 %1 完成：%2 克（应为 %3 克）；正在打印单据。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="356"/>
        <source>Order %1 complete: %2 g, not checked: %3 has no unit weight; printing its documents.</source>
        <translation>订单 %1 完成：%2 克，未核对重量：%3 没有单件重量；正在打印单据。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="362"/>
        <source>Weighs %1 g, %2 g expected: about %3 × %4 too many in the box? Check it and weigh again, or a supervisor&apos;s badge accepts the weight.</source>
        <translation>称得 %1 克，应为 %2 克：箱内约多了 %3 件 %4？请检查后重新称重，或由主管刷工牌接受此重量。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="369"/>
        <source>Weighs %1 g, %2 g expected: about %3 × %4 missing from the box? Check it and weigh again, or a supervisor&apos;s badge accepts the weight.</source>
        <translation>称得 %1 克，应为 %2 克：箱内约少了 %3 件 %4？请检查后重新称重，或由主管刷工牌接受此重量。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="376"/>
        <source>Weighs %1 g, %2 g expected: %3 g too heavy. Check the box and weigh again, or a supervisor&apos;s badge accepts the weight.</source>
        <translation>称得 %1 克，应为 %2 克：重了 %3 克。请检查箱子后重新称重，或由主管刷工牌接受此重量。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="383"/>
        <source>Weighs %1 g, %2 g expected: %3 g too light. Check the box and weigh again, or a supervisor&apos;s badge accepts the weight.</source>
        <translation>称得 %1 克，应为 %2 克：轻了 %3 克。请检查箱子后重新称重，或由主管刷工牌接受此重量。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="390"/>
        <source>Order %1 complete: %2 g accepted by %3 (%4 g expected); printing its documents.</source>
        <translation>订单 %1 完成：%2 克已由 %3 接受（应为 %4 克）；正在打印单据。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="396"/>
        <source>Weigh the parcel once every item is in: %1 still to pack.</source>
        <translation>请在全部商品装箱后再称重：还有 %1 件待装。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="402"/>
        <source>The scale says %1 g: put the parcel on the scale.</source>
        <translation>秤显示 %1 克：请把包裹放到秤上。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="408"/>
        <source>This counter does not weigh parcels.</source>
        <translation>本工位不称重包裹。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="432"/>
        <source>The box changed since it was weighed: weigh it again.</source>
        <translation>称重后箱子有变动：请重新称重。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="438"/>
        <source>Signed in: %1. The weight of order %2 still needs a supervisor&apos;s badge, or weigh it again.</source>
        <translation>已登录：%1。订单 %2 的重量仍需主管刷工牌确认，或重新称重。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="445"/>
        <source>Parcel %1 of order %2 is full: put it on the scale.</source>
        <translation>订单 %2 的第 %1 个包裹已装满：请放到秤上。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="451"/>
        <source>Parcel %1 weighs %2 g (%3 g expected): pack parcel %4 now.</source>
        <translation>第 %1 个包裹重 %2 克（应为 %3 克）：现在装第 %4 个包裹。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="457"/>
        <source>Parcel %1 weighs %2 g, not checked: %3 has no unit weight. Pack parcel %4 now.</source>
        <translation>第 %1 个包裹重 %2 克，未核对：%3 没有单件重量。现在装第 %4 个包裹。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="463"/>
        <source>Parcel %1: %2 g accepted by %3 (%4 g expected). Pack parcel %5 now.</source>
        <translation>第 %1 个包裹：%2 克已由 %3 接受（应为 %4 克）。现在装第 %5 个包裹。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="469"/>
        <source>Cancelled: the parcel is not closed; keep packing into it.</source>
        <translation>已取消：包裹未封箱；请继续往里装。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="414"/>
        <source>Cancelled: the weight is not accepted; weigh the parcel again.</source>
        <translation>已取消：未接受此重量；请重新称重。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="420"/>
        <source>Box %1 (%2, %3 g) for this parcel.</source>
        <translation>本包裹使用箱子 %1（%2，%3 克）。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/engine_words.py" line="426"/>
        <source>%1 is a box, not a serial or lot number: %2 is not counted yet.</source>
        <translation>%1 是箱子条码，不是序列号或批号：%2 尚未计数。</translation>
    </message>
</context>
<context>
    <name>Evidence</name>
    <message>
        <location filename="../../ui/evidence/words.py" line="14"/>
        <source>▶ Packing video — order %1</source>
        <translation>▶ 打包视频 — 订单 %1</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="15"/>
        <source>▶ Packing video — %1</source>
        <translation>▶ 打包视频 — %1</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="16"/>
        <source>✕ Close</source>
        <translation>✕ 关闭</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="17"/>
        <source>▶ Play</source>
        <translation>▶ 播放</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="18"/>
        <source>❚❚ Pause</source>
        <translation>❚❚ 暂停</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="19"/>
        <source>Parcel %1 · %2 · %3 · %4 · %5 s</source>
        <translation>第 %1 个包裹 · %2 · %3 · %4 · %5 秒</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="20"/>
        <source>Order %1 · parcel %2 · %3 · %4 · %5 · %6 s</source>
        <translation>订单 %1 · 第 %2 个包裹 · %3 · %4 · %5 · %6 秒</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="21"/>
        <source>Recorded in part: %1</source>
        <translation>只录到一部分：%1</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="22"/>
        <source>This order has no video: %1</source>
        <translation>此订单没有视频：%1</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="24"/>
        <source>This video was deleted by the retention rule on %1.</source>
        <translation>此视频已于 %1 按保留规则删除。</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="27"/>
        <source>The video file is not on this computer: %1 (it was recorded at %2).</source>
        <translation>视频文件不在这台电脑上：%1（录制于 %2）。</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="31"/>
        <source>The video does not play: %1</source>
        <translation>视频无法播放：%1</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="32"/>
        <source>Click a scan (or Enter) to see that moment.</source>
        <translation>点击一次扫描（或按回车）即可跳到那一刻。</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="33"/>
        <source>In video</source>
        <translation>视频位置</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="34"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="35"/>
        <source>Scan</source>
        <translation>扫描</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="36"/>
        <source>The video could not be looked up: %1</source>
        <translation>无法查找视频：%1</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="38"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="39"/>
        <source>Packer</source>
        <translation>打包员</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="40"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="41"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="42"/>
        <source>any SKU</source>
        <translation>任意 SKU</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="43"/>
        <source>any packer</source>
        <translation>任意打包员</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="44"/>
        <source>any counter</source>
        <translation>任意打包台</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="45"/>
        <source>Find video</source>
        <translation>查找视频</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="46"/>
        <source>▶ Find video</source>
        <translation>▶ 查找视频</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="47"/>
        <source>▶ Packing video — clips found: %1</source>
        <translation>▶ 打包视频 — 找到 %1 段</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="49"/>
        <source>▶ Packing video — the newest %1 clips found (narrow the search)</source>
        <translation>▶ 打包视频 — 显示最新的 %1 段（请缩小搜索范围）</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="53"/>
        <source>No video matches this search.</source>
        <translation>没有符合此搜索的视频。</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="55"/>
        <source>Scan a waybill or an order number, or search by SKU, packer, counter and days.</source>
        <translation>扫描运单号或订单号，或按 SKU、打包员、打包台和日期搜索。</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="61"/>
        <source>Camera of this counter</source>
        <translation>本工位摄像头</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="63"/>
        <source>This counter has no camera. Give it one: packdesk cameras set --station %1 --source SOURCE</source>
        <translation>本工位没有摄像头。设置方法：packdesk cameras set --station %1 --source SOURCE</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="69"/>
        <source>Camera: %1</source>
        <translation>摄像头：%1</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="71"/>
        <source>⚠ Counter %1 has this camera too: each counter&apos;s video shows the other&apos;s box, and a USB camera opens for one at a time.</source>
        <translation>⚠ 工位 %1 也使用这台摄像头：每个工位的视频都会拍到另一个工位的箱子；USB 摄像头一次只能被一个程序打开。</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="77"/>
        <source>Test camera</source>
        <translation>测试摄像头</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="78"/>
        <source>Testing the camera for %1 s…</source>
        <translation>正在测试摄像头 %1 秒…</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="80"/>
        <source>✔ The camera opens: %1 × %2 pixels, %3 pictures a second.</source>
        <translation>✔ 摄像头可以打开：%1 × %2 像素，每秒 %3 帧。</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="82"/>
        <source>✘ The camera does not work: %1</source>
        <translation>✘ 摄像头无法使用：%1</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="83"/>
        <source>No picture</source>
        <translation>无画面</translation>
    </message>
    <message>
        <location filename="../../ui/evidence/words.py" line="84"/>
        <source>Opening the camera…</source>
        <translation>正在打开摄像头…</translation>
    </message>
</context>
<context>
    <name>EvidenceWords</name>
    <message>
        <location filename="../../ui/pack/evidence_words.py" line="16"/>
        <source>%1 is not a camera source: give a device (/dev/video0), a URL (rtsp://..., http://...), a DirectShow name (video=...) or an FFmpeg graph (lavfi:...).</source>
        <translation>%1 不是摄像头来源：请填设备（/dev/video0）、网址（rtsp://...、http://...）、DirectShow 名称（video=...）或 FFmpeg 滤镜图（lavfi:...）。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/evidence_words.py" line="23"/>
        <source>%1 is a %2 camera, and this computer runs %3.</source>
        <translation>%1 是 %2 摄像头，而这台电脑运行的是 %3。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/evidence_words.py" line="29"/>
        <source>There is no camera %1: is it plugged in?</source>
        <translation>没有摄像头 %1：插好了吗？</translation>
    </message>
    <message>
        <location filename="../../ui/pack/evidence_words.py" line="35"/>
        <source>Camera %1 does not open: %2</source>
        <translation>摄像头 %1 打不开：%2</translation>
    </message>
    <message>
        <location filename="../../ui/pack/evidence_words.py" line="41"/>
        <source>Camera %1 is in use by another program or counter (a USB camera opens for one at a time): close the other, or give this counter its own camera.</source>
        <translation>摄像头 %1 正被其他程序或工位占用（USB 摄像头一次只能被一个打开）：请关闭另一个，或给本工位单独配一台摄像头。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/evidence_words.py" line="48"/>
        <source>Camera %1 gave no picture for %2 s.</source>
        <translation>摄像头 %1 已 %2 秒没有画面。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/evidence_words.py" line="54"/>
        <source>Camera %1 stopped giving pictures: %2</source>
        <translation>摄像头 %1 不再有画面：%2</translation>
    </message>
    <message>
        <location filename="../../ui/pack/evidence_words.py" line="60"/>
        <source>Camera %1 stopped: order %2 is recorded only in part. Packing goes on.</source>
        <translation>摄像头 %1 中断：订单 %2 只录了一部分。照常打包。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/evidence_words.py" line="66"/>
        <source>Camera %1 gives pictures again.</source>
        <translation>摄像头 %1 恢复画面。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/evidence_words.py" line="72"/>
        <source>Camera %1 gives no picture: order %2 has no video. Packing goes on.</source>
        <translation>摄像头 %1 没有画面：订单 %2 没有视频。照常打包。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/evidence_words.py" line="78"/>
        <source>Recording order %1.</source>
        <translation>正在录制订单 %1。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/evidence_words.py" line="84"/>
        <source>Video of order %1 saved (%2 s).</source>
        <translation>订单 %1 的视频已保存（%2 秒）。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/evidence_words.py" line="90"/>
        <source>The video of order %1 could not be saved: %2</source>
        <translation>订单 %1 的视频未能保存：%2</translation>
    </message>
    <message>
        <location filename="../../ui/pack/evidence_words.py" line="96"/>
        <source>No photo of order %1: %2</source>
        <translation>订单 %1 没有照片：%2</translation>
    </message>
    <message>
        <location filename="../../ui/pack/evidence_words.py" line="102"/>
        <source>No H.264 encoder in this PyAV: clips are written in MPEG-4 Part 2.</source>
        <translation>此 PyAV 没有 H.264 编码器：视频以 MPEG-4 Part 2 格式写入。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/evidence_words.py" line="108"/>
        <source>Disk nearly full: %1 GB free for video (at least %2 GB wanted): order %3 is not recorded. Packing goes on; old videos go by the retention rule.</source>
        <translation>磁盘快满了：视频可用空间 %1 GB（至少需要 %2 GB）：订单 %3 不录像。照常打包；旧视频按保留规则删除。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/evidence_words.py" line="114"/>
        <source>The disk has room for video again.</source>
        <translation>磁盘空间已恢复，可以继续录像。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/evidence_words.py" line="116"/>
        <source>Old videos deleted by the retention rule: %1 clips, %2 MB.</source>
        <translation>已按保留规则删除旧视频：%1 段，%2 MB。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/evidence_words.py" line="121"/>
        <source>Old videos could not be deleted: %1</source>
        <translation>旧视频无法删除：%1</translation>
    </message>
    <message>
        <location filename="../../ui/pack/evidence_words.py" line="124"/>
        <source>Videos not copied to the network folder %1 (tried again later): %2</source>
        <translation>视频未能复制到网络文件夹 %1（稍后重试）：%2</translation>
    </message>
    <message>
        <location filename="../../ui/pack/evidence_words.py" line="130"/>
        <source>Videos are copied to the network folder %1 again.</source>
        <translation>视频已恢复复制到网络文件夹 %1。</translation>
    </message>
</context>
<context>
    <name>Handover</name>
    <message>
        <location filename="../../ui/dock/handover_look.py" line="33"/>
        <source>LOADED  %1  parcel %2</source>
        <translation>已装车  %1  包裹 %2</translation>
    </message>
    <message>
        <location filename="../../ui/dock/handover_look.py" line="41"/>
        <source>SHIPPED  order %1</source>
        <translation>已发货  订单 %1</translation>
    </message>
    <message>
        <location filename="../../ui/dock/handover_look.py" line="49"/>
        <source>STOP  order %1: take it off</source>
        <translation>停！订单 %1：从车上取下</translation>
    </message>
    <message>
        <location filename="../../ui/dock/handover_look.py" line="62"/>
        <source>SCANNED TWICE: already on the truck</source>
        <translation>重复扫描：已经在车上</translation>
    </message>
    <message>
        <location filename="../../ui/dock/handover_look.py" line="67"/>
        <source>WRONG TRUCK: keep it off</source>
        <translation>装错车：不要装</translation>
    </message>
    <message>
        <location filename="../../ui/dock/handover_look.py" line="72"/>
        <source>NO TRACKING NUMBER: keep it off</source>
        <translation>没有运单号：不要装</translation>
    </message>
    <message>
        <location filename="../../ui/dock/handover_look.py" line="77"/>
        <source>SCAN EACH PARCEL&apos;S LABEL</source>
        <translation>请扫每个包裹的面单</translation>
    </message>
    <message>
        <location filename="../../ui/dock/handover_look.py" line="82"/>
        <source>UNKNOWN LABEL: keep it off</source>
        <translation>未知面单：不要装</translation>
    </message>
    <message>
        <location filename="../../ui/dock/handover_look.py" line="85"/>
        <source>NOT A LABEL: scan again</source>
        <translation>不是面单：请重扫</translation>
    </message>
    <message>
        <location filename="../../ui/dock/handover_look.py" line="100"/>
        <source>Loaded</source>
        <translation>已装车</translation>
    </message>
    <message>
        <location filename="../../ui/dock/handover_look.py" line="101"/>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <location filename="../../ui/dock/handover_look.py" line="102"/>
        <source>STOP: take it off</source>
        <translation>停！取下来</translation>
    </message>
    <message>
        <location filename="../../ui/dock/handover_look.py" line="103"/>
        <source>Scanned twice</source>
        <translation>重复扫描</translation>
    </message>
    <message>
        <location filename="../../ui/dock/handover_look.py" line="104"/>
        <source>Wrong truck</source>
        <translation>装错车</translation>
    </message>
    <message>
        <location filename="../../ui/dock/handover_look.py" line="105"/>
        <source>No tracking number</source>
        <translation>没有运单号</translation>
    </message>
    <message>
        <location filename="../../ui/dock/handover_look.py" line="106"/>
        <source>Scan each parcel</source>
        <translation>请逐个扫包裹</translation>
    </message>
    <message>
        <location filename="../../ui/dock/handover_look.py" line="107"/>
        <source>Unknown label</source>
        <translation>未知面单</translation>
    </message>
    <message>
        <location filename="../../ui/dock/handover_look.py" line="108"/>
        <source>Not a label</source>
        <translation>不是面单</translation>
    </message>
</context>
<context>
    <name>KpiPage</name>
    <message>
        <location filename="../../ui/kpi_page.py" line="124"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_page.py" line="125"/>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_page.py" line="126"/>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_page.py" line="127"/>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_page.py" line="146"/>
        <source>↻ Show</source>
        <translation>↻ 显示</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_page.py" line="147"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_page.py" line="148"/>
        <source>Export XLSX</source>
        <translation>导出 XLSX</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_page.py" line="149"/>
        <source>Daily report PDF</source>
        <translation>日报 PDF</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_page.py" line="176"/>
        <source>Orders packed per hour</source>
        <translation>每小时打包订单数</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_page.py" line="177"/>
        <source>Items packed per hour</source>
        <translation>每小时打包件数</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_page.py" line="178"/>
        <source>Open orders by state</source>
        <translation>未完成订单（按状态）</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_page.py" line="179"/>
        <source>Open orders by carrier</source>
        <translation>未完成订单（按承运商）</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_page.py" line="257"/>
        <source>Counting…</source>
        <translation>统计中…</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_page.py" line="266"/>
        <source>✖ Could not count: %1</source>
        <translation>✖ 无法统计：%1</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_page.py" line="275"/>
        <source>%1 to %2, %3 · a week before in the lighter bars</source>
        <translation>%1 至 %2，%3 · 浅色柱为一周前同期</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_page.py" line="291"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_page.py" line="318"/>
        <source>Open orders</source>
        <translation>未完成订单</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_page.py" line="331"/>
        <source>Export KPIs</source>
        <translation>导出指标</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_page.py" line="336"/>
        <source>Show some KPIs first.</source>
        <translation>请先显示指标。</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_page.py" line="356"/>
        <source>✔ Saved %1</source>
        <translation>✔ 已保存 %1</translation>
    </message>
</context>
<context>
    <name>KpiReport</name>
    <message>
        <location filename="../../ui/kpi_report.py" line="42"/>
        <source>Orders packed</source>
        <translation>已打包订单</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_report.py" line="43"/>
        <source>Items packed</source>
        <translation>已打包件数</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_report.py" line="45"/>
        <source>Scan accuracy</source>
        <translation>扫描准确率</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_report.py" line="49"/>
        <source>Manual confirmations</source>
        <translation>手动确认</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_report.py" line="53"/>
        <source>Pack time per order, median / p90</source>
        <translation>每单打包用时 中位数 / P90</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_report.py" line="57"/>
        <source>Pack time per item, median / p90</source>
        <translation>每件打包用时 中位数 / P90</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_report.py" line="61"/>
        <source>Shipped on time</source>
        <translation>准时发货</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_report.py" line="77"/>
        <source>Packdesk daily report</source>
        <translation>Packdesk 日报</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_report.py" line="96"/>
        <source>Per hour: orders (items), and a week before</source>
        <translation>每小时：订单数（件数），及一周前同期</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_report.py" line="110"/>
        <source>Nothing packed on this day.</source>
        <translation>当天没有打包记录。</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_report.py" line="114"/>
        <source>Packers</source>
        <translation>打包员</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_report.py" line="117"/>
        <source>Packer</source>
        <translation>打包员</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_report.py" line="118"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_report.py" line="119"/>
        <source>Items</source>
        <translation>件数</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_report.py" line="120"/>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_report.py" line="121"/>
        <source>Manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_report.py" line="122"/>
        <source>Median per order</source>
        <translation>每单中位用时</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_report.py" line="144"/>
        <source>Open orders now</source>
        <translation>当前未完成订单</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_report.py" line="152"/>
        <source>Made %1 (database time)</source>
        <translation>生成于 %1（数据库时间）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="78"/>
        <source>Packdesk — %1</source>
        <translation>Packdesk — %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="185"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="168"/>
        <source>Pack</source>
        <translation>打包</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="169"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="170"/>
        <source>Board</source>
        <translation>看板</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="171"/>
        <source>Dock</source>
        <translation>装车</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="172"/>
        <source>KPIs</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="174"/>
        <source>Print queue</source>
        <translation>打印队列</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="184"/>
        <source>Printers</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="187"/>
        <source>Audit</source>
        <translation>审计</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="201"/>
        <source>Station %1 · %2</source>
        <translation>工作台 %1 · %2</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="258"/>
        <source>Settings: %1</source>
        <translation>设置：%1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="287"/>
        <source>Printing: %1</source>
        <translation>打印：%1</translation>
    </message>
</context>
<context>
    <name>NotLiveBanner</name>
    <message>
        <location filename="../../ui/board/wall_outage.py" line="78"/>
        <source>less than a minute</source>
        <translation>不到一分钟</translation>
    </message>
    <message>
        <location filename="../../ui/board/wall_outage.py" line="82"/>
        <source>⚠ NOT LIVE — the database has not answered for %1 (since %2). These are the orders as they were then.</source>
        <translation>⚠ 非实时 —— 数据库自 %2 起未响应，已持续 %1。以下为当时的订单。</translation>
    </message>
</context>
<context>
    <name>OrderDetail</name>
    <message>
        <location filename="../../ui/board/detail_models.py" line="88"/>
        <source>⚠ %1 short</source>
        <translation>⚠ 缺 %1</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_models.py" line="96"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_models.py" line="97"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_models.py" line="98"/>
        <source>Ordered</source>
        <translation>订购</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_models.py" line="99"/>
        <source>Packed</source>
        <translation>已打包</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_models.py" line="100"/>
        <source>Short</source>
        <translation>缺货</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_models.py" line="101"/>
        <source>Left</source>
        <translation>剩余</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_models.py" line="115"/>
        <source>created</source>
        <translation>创建</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_models.py" line="122"/>
        <source>⚑ State</source>
        <translation>⚑ 状态</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_models.py" line="126"/>
        <source>☑ Confirmed by hand</source>
        <translation>☑ 手动确认</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_models.py" line="128"/>
        <source>▶ Scan</source>
        <translation>▶ 扫描</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_models.py" line="134"/>
        <source>(undone)</source>
        <translation>（已撤销）</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_models.py" line="136"/>
        <source>■ Action</source>
        <translation>■ 操作</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_models.py" line="142"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_models.py" line="143"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_models.py" line="144"/>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_models.py" line="145"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_models.py" line="146"/>
        <source>Station</source>
        <translation>工位</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_models.py" line="147"/>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_models.py" line="166"/>
        <source>Parcel</source>
        <translation>包裹</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_models.py" line="167"/>
        <source>Tracking number</source>
        <translation>运单号</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_models.py" line="168"/>
        <source>SSCC</source>
        <translation>SSCC</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_models.py" line="169"/>
        <source>Weight</source>
        <translation>重量</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_models.py" line="170"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_models.py" line="182"/>
        <source>(reprint)</source>
        <translation>（重打）</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_models.py" line="195"/>
        <source>Document</source>
        <translation>单据</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_models.py" line="196"/>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_models.py" line="197"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_models.py" line="198"/>
        <source>Tries</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_models.py" line="199"/>
        <source>Asked</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_models.py" line="200"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>OrderDetailPanel</name>
    <message>
        <location filename="../../ui/board/detail_panel.py" line="122"/>
        <source>✖ Close</source>
        <translation>✖ 关闭</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_tabs.py" line="50"/>
        <source>Lines</source>
        <translation>明细</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_tabs.py" line="51"/>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_tabs.py" line="52"/>
        <source>Parcels</source>
        <translation>包裹</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_tabs.py" line="53"/>
        <source>Print jobs</source>
        <translation>打印任务</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_panel.py" line="142"/>
        <source>Supervisor badge</source>
        <translation>主管工牌</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_panel.py" line="147"/>
        <source>or name</source>
        <translation>或姓名</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_panel.py" line="149"/>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_panel.py" line="96"/>
        <source>Reason (kept in the order&apos;s history)</source>
        <translation>原因（记入订单历史）</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_actions.py" line="30"/>
        <source>⊘ Hold</source>
        <translation>⊘ 暂停</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_actions.py" line="35"/>
        <source>▶ Release</source>
        <translation>▶ 恢复</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_actions.py" line="40"/>
        <source>✖ Cancel order</source>
        <translation>✖ 取消订单</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_actions.py" line="45"/>
        <source>⚡ Expedite</source>
        <translation>⚡ 加急</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_actions.py" line="50"/>
        <source>Un-expedite</source>
        <translation>取消加急</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_actions.py" line="55"/>
        <source>⬆ Release claim</source>
        <translation>⬆ 释放工位</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_actions.py" line="60"/>
        <source>↺ Reopen</source>
        <translation>↺ 重新打开</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_actions.py" line="65"/>
        <source>↻ Reprint</source>
        <translation>↻ 重新打印</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_actions.py" line="70"/>
        <source>✂ Ship short</source>
        <translation>✂ 缺件发货</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_words.py" line="69"/>
        <source>Carrier: %1 · Ship by: %2 · Channel: %3</source>
        <translation>承运商：%1 · 最晚发货：%2 · 渠道：%3</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_words.py" line="80"/>
        <source>Being packed by %1</source>
        <translation>正在打包：%1</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_words.py" line="92"/>
        <source>no reason given</source>
        <translation>未填写原因</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_words.py" line="93"/>
        <source>someone unknown</source>
        <translation>未知人员</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_words.py" line="95"/>
        <source>%1 at %2</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_words.py" line="97"/>
        <source>⚠ On hold: %1 — held by %2, %3</source>
        <translation>⚠ 已挂起：%1 —— 由 %2 于 %3 挂起</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_panel.py" line="237"/>
        <source>✖ Could not read the order: %1</source>
        <translation>✖ 无法读取订单：%1</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_panel.py" line="252"/>
        <source>That badge is not an active lead&apos;s or supervisor&apos;s.</source>
        <translation>此工牌不属于在职的组长或主管。</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_panel.py" line="266"/>
        <source>That is not an active lead&apos;s or supervisor&apos;s name and PIN.</source>
        <translation>这不是在职组长或主管的姓名和 PIN 码。</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_panel.py" line="309"/>
        <source>Scan or type a supervisor badge to act on orders.</source>
        <translation>扫描或输入主管工牌后才能操作订单。</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_panel.py" line="311"/>
        <source>Acting as %1</source>
        <translation>当前操作人：%1</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_panel.py" line="323"/>
        <source>✖ Scan a supervisor badge first.</source>
        <translation>✖ 请先扫描主管工牌。</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_panel.py" line="329"/>
        <source>⚠ Order %2: click %1 again within 5 s to confirm.</source>
        <translation>⚠ 订单 %2：请在 5 秒内再次点击 %1 以确认。</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_panel.py" line="335"/>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_panel.py" line="353"/>
        <source>✔ Order %1: %2 recorded; its slip and waybill print at %3</source>
        <translation>✔ 订单 %1：已记录“%2”；装箱单和面单在 %3 打印</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_panel.py" line="355"/>
        <source>✔ Order %1: %2 recorded</source>
        <translation>✔ 订单 %1：已记录“%2”</translation>
    </message>
</context>
<context>
    <name>OrderPreview</name>
    <message>
        <location filename="../../ui/preview_dialog.py" line="148"/>
        <source>Preview waybill</source>
        <translation>预览面单</translation>
    </message>
    <message>
        <location filename="../../ui/preview_dialog.py" line="151"/>
        <source>Preview slip</source>
        <translation>预览装箱单</translation>
    </message>
</context>
<context>
    <name>OrdersModel</name>
    <message>
        <location filename="../../ui/orders_model.py" line="32"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../ui/orders_model.py" line="33"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/orders_model.py" line="34"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/orders_model.py" line="35"/>
        <source>Carrier</source>
        <translation>快递</translation>
    </message>
    <message>
        <location filename="../../ui/orders_model.py" line="36"/>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../../ui/orders_model.py" line="37"/>
        <source>Packed</source>
        <translation>已装</translation>
    </message>
    <message>
        <location filename="../../ui/orders_model.py" line="38"/>
        <source>Ship by</source>
        <translation>最晚发货</translation>
    </message>
    <message>
        <location filename="../../ui/orders_model.py" line="39"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../ui/orders_model.py" line="74"/>
        <source> (late)</source>
        <translation>（已超时）</translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <location filename="../../ui/orders_page.py" line="78"/>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../ui/orders_page.py" line="84"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/orders_page.py" line="102"/>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location filename="../../ui/orders_page.py" line="151"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location filename="../../ui/orders_page.py" line="125"/>
        <location filename="../../ui/orders_page.py" line="174"/>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../../ui/orders_page.py" line="180"/>
        <source>Could not load the orders: </source>
        <translation>无法加载订单：</translation>
    </message>
</context>
<context>
    <name>PackLinesModel</name>
    <message>
        <location filename="../../ui/pack/lines_model.py" line="72"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../ui/pack/lines_model.py" line="72"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/pack/lines_model.py" line="72"/>
        <source>Bin</source>
        <translation>库位</translation>
    </message>
    <message>
        <location filename="../../ui/pack/lines_model.py" line="72"/>
        <source>Packed</source>
        <translation>已装</translation>
    </message>
    <message>
        <location filename="../../ui/pack/lines_model.py" line="94"/>
        <source>short</source>
        <translation>缺货</translation>
    </message>
    <message>
        <location filename="../../ui/pack/lines_model.py" line="99"/>
        <source>serial</source>
        <translation>序列号</translation>
    </message>
    <message>
        <location filename="../../ui/pack/lines_model.py" line="101"/>
        <source>lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../ui/pack/lines_model.py" line="108"/>
        <source>  (%1 short)</source>
        <translation>  （缺 %1）</translation>
    </message>
</context>
<context>
    <name>PackPage</name>
    <message>
        <location filename="../../ui/pack/page.py" line="97"/>
        <source>⚑ LOCKED after a pause: scan your badge to go on</source>
        <translation>⚑ 闲置已锁定：请扫工牌继续</translation>
    </message>
    <message>
        <location filename="../../ui/pack/page.py" line="113"/>
        <source>Type a code and press Enter (F2)</source>
        <translation>输入条码后按回车（F2）</translation>
    </message>
    <message>
        <location filename="../../ui/pack/page.py" line="118"/>
        <source>Confirm by hand (F8)</source>
        <translation>手动确认（F8）</translation>
    </message>
    <message>
        <location filename="../../ui/pack/page.py" line="156"/>
        <source>Scans</source>
        <translation>扫描记录</translation>
    </message>
    <message>
        <location filename="../../ui/pack/page.py" line="209"/>
        <source>Locked: scan your badge first</source>
        <translation>已锁定：请先扫工牌</translation>
    </message>
    <message>
        <location filename="../../ui/pack/page.py" line="214"/>
        <source>Select the line first</source>
        <translation>请先选择一行</translation>
    </message>
    <message>
        <location filename="../../ui/pack/page.py" line="253"/>
        <source> and %1 more lines</source>
        <translation> 以及另外 %1 行</translation>
    </message>
    <message>
        <location filename="../../ui/pack/page.py" line="263"/>
        <source>LOCKED</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../../ui/pack/page.py" line="264"/>
        <source>Scan your badge to go on; the open order stays here.</source>
        <translation>请扫工牌继续；打开的订单仍留在本台。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/page.py" line="271"/>
        <source>⚑ Locked (was: %1)</source>
        <translation>⚑ 已锁定（原为：%1）</translation>
    </message>
    <message>
        <location filename="../../ui/pack/page.py" line="273"/>
        <source>⚑ Locked</source>
        <translation>⚑ 已锁定</translation>
    </message>
    <message>
        <location filename="../../ui/pack/page.py" line="276"/>
        <source>Packer: %1</source>
        <translation>打包员：%1</translation>
    </message>
    <message>
        <location filename="../../ui/pack/page.py" line="278"/>
        <source>Nobody signed in: scan your badge</source>
        <translation>未登录：请扫工牌</translation>
    </message>
    <message>
        <location filename="../../ui/pack/page.py" line="302"/>
        <source>Order %1 is now %2: stop packing it</source>
        <translation>订单 %1 已变为%2：请停止打包</translation>
    </message>
    <message>
        <location filename="../../ui/pack/page.py" line="312"/>
        <source>✔ %1 finished</source>
        <translation>✔ %1 已完成</translation>
    </message>
    <message>
        <location filename="../../ui/pack/page.py" line="313"/>
        <source>Scan the next order&apos;s slip or pick list.</source>
        <translation>请扫描下一个订单的装箱单或拣货单。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/page.py" line="318"/>
        <source>No order open</source>
        <translation>没有打开的订单</translation>
    </message>
    <message>
        <location filename="../../ui/pack/page.py" line="319"/>
        <source>Scan the order&apos;s slip or pick list.</source>
        <translation>请扫描装箱单或拣货单上的订单条码。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/page.py" line="328"/>
        <source>ship by %1</source>
        <translation>最晚 %1 发货</translation>
    </message>
    <message>
        <location filename="../../ui/pack/page.py" line="330"/>
        <source>⚠ LATE</source>
        <translation>⚠ 已超时</translation>
    </message>
    <message>
        <location filename="../../ui/pack/page.py" line="334"/>
        <location filename="../../ui/pack/page.py" line="342"/>
        <source>%1 left</source>
        <translation>还剩 %1 件</translation>
    </message>
    <message>
        <location filename="../../ui/pack/page.py" line="359"/>
        <source>Not saved: try again</source>
        <translation>未保存：请重试</translation>
    </message>
    <message>
        <location filename="../../ui/pack/page.py" line="369"/>
        <source>Database busy (another program is writing): the scan waits…</source>
        <translation>数据库忙（另一个程序正在写入）：扫描正在等待……</translation>
    </message>
    <message>
        <location filename="../../ui/pack/page.py" line="375"/>
        <source>%1 scans waiting…</source>
        <translation>%1 次扫描等待处理…</translation>
    </message>
</context>
<context>
    <name>PackersModel</name>
    <message>
        <location filename="../../ui/kpi_model.py" line="20"/>
        <source>Packer</source>
        <translation>打包员</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_model.py" line="21"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_model.py" line="22"/>
        <source>Items</source>
        <translation>件数</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_model.py" line="23"/>
        <source>Scans</source>
        <translation>扫描</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_model.py" line="24"/>
        <source>Rejected</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_model.py" line="25"/>
        <source>Manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_model.py" line="26"/>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_model.py" line="27"/>
        <source>Median per order</source>
        <translation>每单中位用时</translation>
    </message>
    <message>
        <location filename="../../ui/kpi_model.py" line="36"/>
        <source>(nobody signed in)</source>
        <translation>（未登录）</translation>
    </message>
</context>
<context>
    <name>Permissions</name>
    <message>
        <location filename="../../ui/permission_words.py" line="89"/>
        <source>Sign in to %1.</source>
        <translation>请先登录，才能%1。</translation>
    </message>
    <message>
        <location filename="../../ui/permission_words.py" line="91"/>
        <source>Sign in as %1 to %2.</source>
        <translation>请以%1身份登录，才能%2。</translation>
    </message>
    <message>
        <location filename="../../ui/permission_words.py" line="93"/>
        <source>%1 (%2) may not %3: sign in as %4.</source>
        <translation>%1（%2）无权%3：请以%4身份登录。</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <location filename="../../ui/preview_dialog.py" line="79"/>
        <source>Preview: %1</source>
        <translation>预览：%1</translation>
    </message>
    <message>
        <location filename="../../ui/preview_dialog.py" line="89"/>
        <source>This Qt build cannot show PDFs; the job prints as it is.</source>
        <translation>此版本的 Qt 无法显示 PDF；打印任务照常打印。</translation>
    </message>
    <message>
        <location filename="../../ui/preview_dialog.py" line="98"/>
        <source>Fit</source>
        <translation>适合窗口</translation>
    </message>
    <message>
        <location filename="../../ui/preview_dialog.py" line="99"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../../ui/preview_dialog.py" line="100"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location filename="../../ui/preview_dialog.py" line="106"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>PrintJob</name>
    <message>
        <location filename="../../ui/print_words.py" line="36"/>
        <source>● Waiting</source>
        <translation>● 等待中</translation>
    </message>
    <message>
        <location filename="../../ui/print_words.py" line="37"/>
        <source>▶ Sending</source>
        <translation>▶ 发送中</translation>
    </message>
    <message>
        <location filename="../../ui/print_words.py" line="38"/>
        <source>✔ Printed</source>
        <translation>✔ 已打印</translation>
    </message>
    <message>
        <location filename="../../ui/print_words.py" line="39"/>
        <source>✖ Failed</source>
        <translation>✖ 失败</translation>
    </message>
    <message>
        <location filename="../../ui/print_words.py" line="40"/>
        <source>⊘ Cancelled</source>
        <translation>⊘ 已取消</translation>
    </message>
    <message>
        <location filename="../../ui/print_words.py" line="41"/>
        <source>⚠ Interrupted</source>
        <translation>⚠ 已中断</translation>
    </message>
    <message>
        <location filename="../../ui/print_words.py" line="45"/>
        <source>The program stopped while sending this; it may have printed. If it did not, try it again; if it did, cancel it.</source>
        <translation>发送时程序已停止，可能已经打印。若未打印，请点“重试”；若已打印，请点“取消”。</translation>
    </message>
    <message>
        <location filename="../../ui/print_words.py" line="54"/>
        <source>Not sent: order %1 is %2 (reopened, held or cancelled after this waybill was made); no label goes on a box that may not leave.</source>
        <translation>未发送：订单 %1 当前为“%2”（面单生成后被重新打开、挂起或取消）；不得发出的箱子不贴面单。</translation>
    </message>
    <message>
        <location filename="../../ui/print_words.py" line="61"/>
        <source>Not sent: the tracking number on this waybill was voided (order %1 was reopened, or its carrier changed). Print a fresh waybill for the order.</source>
        <translation>未发送：这张面单上的运单号已作废（订单 %1 被重新打开，或更换了承运商）。请为该订单打印新的面单。</translation>
    </message>
</context>
<context>
    <name>PrintNews</name>
    <message>
        <location filename="../../ui/pack/print_news.py" line="85"/>
        <source>not known whether printed (%1)</source>
        <translation>无法得知是否已打印（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/pack/print_news.py" line="106"/>
        <source>LABEL NOT KNOWN  order %1</source>
        <translation>面单状态未知  订单 %1</translation>
    </message>
    <message>
        <location filename="../../ui/pack/print_news.py" line="88"/>
        <source>%1 not printed on %2 (%3)</source>
        <translation>%1 未在 %2 上打印（%3）</translation>
    </message>
    <message>
        <location filename="../../ui/pack/print_news.py" line="108"/>
        <source>NO LABEL  order %1</source>
        <translation>没有面单  订单 %1</translation>
    </message>
    <message>
        <location filename="../../ui/pack/print_news.py" line="110"/>
        <source>NOT PRINTED  order %1</source>
        <translation>未打印  订单 %1</translation>
    </message>
    <message>
        <location filename="../../ui/pack/print_news.py" line="114"/>
        <source>%1. Keep the box here and ask a lead: its order may not leave now (the print queue says why).</source>
        <translation>%1。箱子留在这里，请找组长：该订单目前不能发出（原因见打印队列）。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/print_news.py" line="119"/>
        <source>%1. Keep the box here and ask a lead: this waybill will never print; a fresh waybill is printed for it from the board.</source>
        <translation>%1。箱子留在这里，请找组长：此面单永远不会打印；需在看板上为它打印新的面单。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/print_news.py" line="124"/>
        <source>%1. Ask a lead: once the carrier gives a number, retry it in the print queue. Keep the box here until it has its label.</source>
        <translation>%1。请找组长：承运商给出单号后，在打印队列中重试。面单贴上之前，箱子留在这里。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/print_news.py" line="129"/>
        <source>%1. Check the printer: it prints by itself once it answers. Keep the box here until it has its label.</source>
        <translation>%1。请检查打印机：它恢复响应后会自动打印。箱子贴上面单之前请留在这里。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/print_news.py" line="144"/>
        <source>Order %1: not printed after 30 minutes; see the print queue.</source>
        <translation>订单 %1：30 分钟后仍未打印；请查看打印队列。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/print_news.py" line="155"/>
        <source>%1 on %2</source>
        <translation>%1 在 %2</translation>
    </message>
    <message>
        <location filename="../../ui/pack/print_news.py" line="160"/>
        <source>Printed now: order %1</source>
        <translation>现已打印：订单 %1</translation>
    </message>
    <message>
        <location filename="../../ui/pack/print_news.py" line="170"/>
        <source>%1. Put the label on the box; it may leave.</source>
        <translation>%1。请把面单贴到箱子上，之后可以发出。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/print_news.py" line="179"/>
        <source>Printed: %1. Close the box; scan the next order.</source>
        <translation>已打印：%1。请封箱，扫描下一个订单。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/print_news.py" line="181"/>
        <source>Nothing printed: printing is off at this counter.</source>
        <translation>没有打印：本台已关闭自动打印。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/print_news.py" line="185"/>
        <source>▤ Printed here: order %1: %2</source>
        <translation>▤ 已在本台打印：订单 %1：%2</translation>
    </message>
    <message>
        <location filename="../../ui/pack/print_news.py" line="190"/>
        <source>the carrier&apos;s system gives no answer</source>
        <translation>承运商系统无应答</translation>
    </message>
    <message>
        <location filename="../../ui/pack/print_news.py" line="192"/>
        <source>the carrier refused it; the print queue says why</source>
        <translation>承运商拒绝，原因见打印队列</translation>
    </message>
    <message>
        <location filename="../../ui/pack/print_news.py" line="194"/>
        <source>no tracking numbers left for its carrier</source>
        <translation>该承运商的运单号已用完</translation>
    </message>
    <message>
        <location filename="../../ui/pack/print_news.py" line="196"/>
        <source>its order may not leave: cancelled, or not packed now</source>
        <translation>该订单目前不能发出：已取消，或当前未装箱</translation>
    </message>
    <message>
        <location filename="../../ui/pack/print_news.py" line="198"/>
        <source>not sent: its order was held, reopened or cancelled since</source>
        <translation>未发送：此后订单已被挂起、重新打开或取消</translation>
    </message>
    <message>
        <location filename="../../ui/pack/print_news.py" line="200"/>
        <source>not sent: its tracking number was voided</source>
        <translation>未发送：其运单号已作废</translation>
    </message>
    <message>
        <location filename="../../ui/pack/print_news.py" line="204"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../ui/pack/print_news.py" line="206"/>
        <source>interrupted: see the print queue</source>
        <translation>已中断：请查看打印队列</translation>
    </message>
    <message>
        <location filename="../../ui/pack/print_news.py" line="207"/>
        <source>no answer yet</source>
        <translation>尚无响应</translation>
    </message>
    <message>
        <location filename="../../ui/pack/print_news.py" line="211"/>
        <source>⚠ Order %1: %2</source>
        <translation>⚠ 订单 %1：%2</translation>
    </message>
</context>
<context>
    <name>PrintQueueModel</name>
    <message>
        <location filename="../../ui/print_queue_model.py" line="36"/>
        <source>Job</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue_model.py" line="37"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue_model.py" line="38"/>
        <source>Document</source>
        <translation>单据</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue_model.py" line="39"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue_model.py" line="40"/>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue_model.py" line="41"/>
        <source>Tries</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue_model.py" line="42"/>
        <source>Queued</source>
        <translation>加入队列时间</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue_model.py" line="43"/>
        <source>Last error</source>
        <translation>最近错误</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue_model.py" line="102"/>
        <source> (reprint of %1)</source>
        <translation>（重打任务 %1）</translation>
    </message>
</context>
<context>
    <name>PrintQueuePage</name>
    <message>
        <location filename="../../ui/print_queue_page.py" line="105"/>
        <source>All jobs</source>
        <translation>全部任务</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue_page.py" line="106"/>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue_page.py" line="107"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue_page.py" line="108"/>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue_page.py" line="109"/>
        <source>Printed</source>
        <translation>已打印</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue_page.py" line="110"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue_page.py" line="130"/>
        <source>↻ Try again</source>
        <translation>↻ 重试</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue_page.py" line="131"/>
        <source>⊘ Cancel</source>
        <translation>⊘ 取消</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue_page.py" line="132"/>
        <source>▶ Reprint</source>
        <translation>▶ 重新打印</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue_page.py" line="133"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue_page.py" line="151"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue_page.py" line="181"/>
        <source>try jobs again</source>
        <translation>重试打印任务</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue_page.py" line="183"/>
        <source>cancel or reprint jobs</source>
        <translation>取消或补打打印任务</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue_page.py" line="259"/>
        <source>Job %1: %2</source>
        <translation>任务 %1：%2</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue_page.py" line="265"/>
        <source> — waits for job %1 on %2</source>
        <translation> — 在 %2 上排在任务 %1 之后</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue_page.py" line="276"/>
        <source>Job %1 will be tried again now.</source>
        <translation>任务 %1 将立即重试。</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue_page.py" line="284"/>
        <source>Job %1 is cancelled.</source>
        <translation>任务 %1 已取消。</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue_page.py" line="292"/>
        <source>Job %1 is queued to print again.</source>
        <translation>任务 %1 已重新加入打印队列。</translation>
    </message>
    <message>
        <location filename="../../ui/print_queue_page.py" line="311"/>
        <source>Drawing job %1…</source>
        <translation>正在生成任务 %1 的预览…</translation>
    </message>
</context>
<context>
    <name>PrinterForm</name>
    <message>
        <location filename="../../ui/printer_form.py" line="117"/>
        <source>e.g. zebra-1</source>
        <translation>例如 zebra-1</translation>
    </message>
    <message>
        <location filename="../../ui/printer_form.py" line="134"/>
        <source>ZPL II (Zebra and compatibles)</source>
        <translation>ZPL II（斑马及兼容机型）</translation>
    </message>
    <message>
        <location filename="../../ui/printer_form.py" line="135"/>
        <source>TSPL (TSC, Xprinter, Gprinter)</source>
        <translation>TSPL（TSC、芯烨、佳博）</translation>
    </message>
    <message>
        <location filename="../../ui/printer_form.py" line="136"/>
        <source>PDF (office printer)</source>
        <translation>PDF（办公打印机）</translation>
    </message>
    <message>
        <location filename="../../ui/printer_form.py" line="137"/>
        <source>PNG (image files)</source>
        <translation>PNG（图片文件）</translation>
    </message>
    <message>
        <location filename="../../ui/printer_form.py" line="171"/>
        <source>%1 dpi</source>
        <translation>%1 dpi</translation>
    </message>
    <message>
        <location filename="../../ui/printer_form.py" line="153"/>
        <source>the printer&apos;s own</source>
        <translation>使用打印机设置</translation>
    </message>
    <message>
        <location filename="../../ui/printer_form.py" line="159"/>
        <source>the printer&apos;s Chinese font</source>
        <translation>打印机内置中文字体</translation>
    </message>
    <message>
        <location filename="../../ui/printer_form.py" line="161"/>
        <source>drawn as bitmaps</source>
        <translation>以位图打印</translation>
    </message>
    <message>
        <location filename="../../ui/printer_form.py" line="164"/>
        <source>Ask the printer before each job</source>
        <translation>每个任务前询问打印机状态</translation>
    </message>
    <message>
        <location filename="../../ui/printer_form.py" line="167"/>
        <source>Jobs wait while it is out of paper or its head is open</source>
        <translation>缺纸或打印头打开时，任务会等待</translation>
    </message>
    <message>
        <location filename="../../ui/printer_form.py" line="176"/>
        <source>✔ Save</source>
        <translation>✔ 保存</translation>
    </message>
    <message>
        <location filename="../../ui/printer_form.py" line="179"/>
        <source>▶ Test print</source>
        <translation>▶ 测试打印</translation>
    </message>
    <message>
        <location filename="../../ui/printer_form.py" line="182"/>
        <source>Ask status</source>
        <translation>查询状态</translation>
    </message>
    <message>
        <location filename="../../ui/printer_form.py" line="198"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/printer_form.py" line="202"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/printer_form.py" line="203"/>
        <source>Language</source>
        <translation>指令语言</translation>
    </message>
    <message>
        <location filename="../../ui/printer_form.py" line="204"/>
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <location filename="../../ui/printer_form.py" line="205"/>
        <source>Label size (mm)</source>
        <translation>标签尺寸（毫米）</translation>
    </message>
    <message>
        <location filename="../../ui/printer_form.py" line="206"/>
        <source>Darkness</source>
        <translation>打印浓度</translation>
    </message>
    <message>
        <location filename="../../ui/printer_form.py" line="207"/>
        <source>Chinese text (TSPL)</source>
        <translation>中文文字（TSPL）</translation>
    </message>
    <message>
        <location filename="../../ui/printer_form.py" line="234"/>
        <source>preview (files in the preview folder)</source>
        <translation>预览（存入预览文件夹）</translation>
    </message>
    <message>
        <location filename="../../ui/printer_form.py" line="276"/>
        <source>None set: printing goes to the preview folder.</source>
        <translation>尚未设置：打印内容存入预览文件夹。</translation>
    </message>
</context>
<context>
    <name>PrinterStatusLine</name>
    <message>
        <location filename="../../ui/printer_status.py" line="50"/>
        <source>Printers: asking…</source>
        <translation>打印机：正在询问…</translation>
    </message>
    <message>
        <location filename="../../ui/printer_status.py" line="93"/>
        <source>⚠ Printers: cannot read the print queue (%1)</source>
        <translation>⚠ 打印机：无法读取打印队列（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/printer_status.py" line="97"/>
        <source>Labels</source>
        <translation>面单</translation>
    </message>
    <message>
        <location filename="../../ui/printer_status.py" line="97"/>
        <source>Documents</source>
        <translation>单据</translation>
    </message>
    <message>
        <location filename="../../ui/printer_status.py" line="108"/>
        <source>not printing: %1</source>
        <translation>未能打印：%1</translation>
    </message>
    <message>
        <location filename="../../ui/printer_status.py" line="111"/>
        <source>preview (files only)</source>
        <translation>预览（仅存为文件）</translation>
    </message>
    <message>
        <location filename="../../ui/printer_status.py" line="115"/>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../../ui/printer_status.py" line="121"/>
        <source>%1 waiting</source>
        <translation>%1 个待打印</translation>
    </message>
    <message>
        <location filename="../../ui/printer_status.py" line="123"/>
        <source>%1 failed</source>
        <translation>%1 个失败</translation>
    </message>
    <message>
        <location filename="../../ui/printer_status.py" line="130"/>
        <source>paper out</source>
        <translation>缺纸</translation>
    </message>
    <message>
        <location filename="../../ui/printer_status.py" line="131"/>
        <source>head open</source>
        <translation>打印头未合上</translation>
    </message>
    <message>
        <location filename="../../ui/printer_status.py" line="132"/>
        <source>ribbon out</source>
        <translation>碳带用完</translation>
    </message>
    <message>
        <location filename="../../ui/printer_status.py" line="133"/>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../ui/printer_status.py" line="134"/>
        <source>paper jam</source>
        <translation>卡纸</translation>
    </message>
    <message>
        <location filename="../../ui/printer_status.py" line="135"/>
        <source>cover open</source>
        <translation>上盖打开</translation>
    </message>
    <message>
        <location filename="../../ui/printer_status.py" line="138"/>
        <source>off or not answering</source>
        <translation>未开机或无应答</translation>
    </message>
</context>
<context>
    <name>PrintersPage</name>
    <message>
        <location filename="../../ui/printer_form.py" line="79"/>
        <source>serial port</source>
        <translation>串口</translation>
    </message>
    <message>
        <location filename="../../ui/printer_form.py" line="80"/>
        <source>USB printer</source>
        <translation>USB 打印机</translation>
    </message>
    <message>
        <location filename="../../ui/printer_form.py" line="81"/>
        <source>CUPS queue</source>
        <translation>CUPS 队列</translation>
    </message>
    <message>
        <location filename="../../ui/printers_page.py" line="82"/>
        <source>Printers of station %1</source>
        <translation>工位 %1 的打印机</translation>
    </message>
    <message>
        <location filename="../../ui/printers_page.py" line="88"/>
        <source>Print the packing slip and the waybill as soon as an order is complete</source>
        <translation>订单完成后立即打印装箱单和快递面单</translation>
    </message>
    <message>
        <location filename="../../ui/printers_page.py" line="95"/>
        <source>Off: nothing prints by itself; REPRINT still prints</source>
        <translation>关闭时不会自动打印；“重新打印”仍然可用</translation>
    </message>
    <message>
        <location filename="../../ui/printers_page.py" line="98"/>
        <source>Label printer: waybills</source>
        <translation>标签打印机：快递面单</translation>
    </message>
    <message>
        <location filename="../../ui/printers_page.py" line="100"/>
        <source>Document printer: packing slips</source>
        <translation>单据打印机：装箱单</translation>
    </message>
    <message>
        <location filename="../../ui/printers_page.py" line="108"/>
        <source>Find devices again</source>
        <translation>重新查找设备</translation>
    </message>
    <message>
        <location filename="../../ui/printers_page.py" line="125"/>
        <source>Addresses: tcp://HOST:9100 (network), serial:///dev/ttyUSB0?baudrate=9600 or serial://COM3, usb:///dev/usb/lp0, cups://QUEUE, windows://Printer Name, file:///folder, preview.</source>
        <translation>地址格式：tcp://主机:9100（网络）、serial:///dev/ttyUSB0?baudrate=9600 或 serial://COM3、usb:///dev/usb/lp0、cups://队列名、windows://打印机名称、file:///文件夹、preview。</translation>
    </message>
    <message>
        <location filename="../../ui/printers_page.py" line="150"/>
        <source>change printers</source>
        <translation>修改打印机</translation>
    </message>
    <message>
        <location filename="../../ui/printers_page.py" line="196"/>
        <source>Looking for serial ports, USB printers and CUPS queues…</source>
        <translation>正在查找串口、USB 打印机和 CUPS 队列…</translation>
    </message>
    <message>
        <location filename="../../ui/printers_page.py" line="208"/>
        <source>Found on this machine: %1</source>
        <translation>本机找到：%1</translation>
    </message>
    <message>
        <location filename="../../ui/printers_page.py" line="212"/>
        <source>No serial port, USB printer or CUPS queue found on this machine.</source>
        <translation>本机未找到串口、USB 打印机或 CUPS 队列。</translation>
    </message>
    <message>
        <location filename="../../ui/printers_page.py" line="270"/>
        <source>Give the printer&apos;s address.</source>
        <translation>请填写打印机地址。</translation>
    </message>
    <message>
        <location filename="../../ui/printers_page.py" line="237"/>
        <source>%1 is this station&apos;s other printer; give this one another name.</source>
        <translation>%1 是本工位的另一台打印机；请给这台打印机另起名称。</translation>
    </message>
    <message>
        <location filename="../../ui/printers_page.py" line="247"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../ui/printers_page.py" line="260"/>
        <source>waybills</source>
        <translation>快递面单</translation>
    </message>
    <message>
        <location filename="../../ui/printers_page.py" line="260"/>
        <source>packing slips</source>
        <translation>装箱单</translation>
    </message>
    <message>
        <location filename="../../ui/printers_page.py" line="261"/>
        <source>✔ Saved: %1 prints this station&apos;s %2.</source>
        <translation>✔ 已保存：%1 负责打印本工位的%2。</translation>
    </message>
    <message>
        <location filename="../../ui/printers_page.py" line="288"/>
        <source>Printing the test label…</source>
        <translation>正在打印测试标签…</translation>
    </message>
    <message>
        <location filename="../../ui/printers_page.py" line="291"/>
        <source>✔ Test label sent (%1 bytes).</source>
        <translation>✔ 测试标签已发送（%1 字节）。</translation>
    </message>
    <message>
        <location filename="../../ui/printers_page.py" line="299"/>
        <source>Asking the printer…</source>
        <translation>正在询问打印机…</translation>
    </message>
    <message>
        <location filename="../../ui/printers_page.py" line="303"/>
        <source>Only ZPL and TSPL printers on the network can be asked.</source>
        <translation>只能查询网络连接的 ZPL 和 TSPL 打印机。</translation>
    </message>
    <message>
        <location filename="../../ui/printers_page.py" line="307"/>
        <source>✔ The printer is ready.</source>
        <translation>✔ 打印机就绪。</translation>
    </message>
</context>
<context>
    <name>Refusal</name>
    <message>
        <location filename="../../ui/refusal_words.py" line="44"/>
        <source>Give a reason for this action; it is kept in the order&apos;s history.</source>
        <translation>请填写此操作的原因；原因会记入订单历史。</translation>
    </message>
    <message>
        <location filename="../../ui/refusal_words.py" line="48"/>
        <source>Choose at least one document to reprint.</source>
        <translation>请至少选择一种要重新打印的单据。</translation>
    </message>
    <message>
        <location filename="../../ui/refusal_words.py" line="50"/>
        <source>Order %1 is not on hold (it is %2); there is nothing to release.</source>
        <translation>订单 %1 未暂停（当前为“%2”）；无需恢复。</translation>
    </message>
    <message>
        <location filename="../../ui/refusal_words.py" line="55"/>
        <source>Only a packed order can be reopened; order %1 is %2.</source>
        <translation>只有已装箱的订单才能重新打开；订单 %1 当前为“%2”。</translation>
    </message>
    <message>
        <location filename="../../ui/refusal_words.py" line="58"/>
        <source>Order %1 is %2, not being packed; no station holds it.</source>
        <translation>订单 %1 当前为“%2”，不在打包中；没有工位占用它。</translation>
    </message>
    <message>
        <location filename="../../ui/refusal_words.py" line="61"/>
        <source>Order %1 is %2, not on hold; only a held order short of some items can ship short.</source>
        <translation>订单 %1 当前为“%2”，未暂停；只有因缺件而暂停的订单才能缺件发货。</translation>
    </message>
    <message>
        <location filename="../../ui/refusal_words.py" line="67"/>
        <source>Order %1 has no items marked short; there is no short shipment to approve (release it to pack it).</source>
        <translation>订单 %1 没有标记为缺件的商品，无需批准缺件发货（请恢复该订单后继续打包）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusal_words.py" line="73"/>
        <source>Order %1 is %2; its priority cannot change.</source>
        <translation>订单 %1 当前为“%2”；不能再更改其优先级。</translation>
    </message>
    <message>
        <location filename="../../ui/refusal_words.py" line="74"/>
        <source>Order %1 is already expedited.</source>
        <translation>订单 %1 已经加急。</translation>
    </message>
    <message>
        <location filename="../../ui/refusal_words.py" line="75"/>
        <source>Order %1 is not expedited.</source>
        <translation>订单 %1 未加急。</translation>
    </message>
    <message>
        <location filename="../../ui/refusal_words.py" line="77"/>
        <source>Order %1 is %2; its documents are printed when it is packed.</source>
        <translation>订单 %1 当前为“%2”；单据在装箱完成时才打印。</translation>
    </message>
    <message>
        <location filename="../../ui/refusal_words.py" line="84"/>
        <source>Type your PIN: an empty PIN signs nobody in.</source>
        <translation>请输入 PIN 码：空 PIN 码无法登录。</translation>
    </message>
    <message>
        <location filename="../../ui/refusal_words.py" line="86"/>
        <source>Several users have that name: scan your badge instead.</source>
        <translation>有多个用户同名：请改为扫描工牌。</translation>
    </message>
    <message>
        <location filename="../../ui/refusal_words.py" line="88"/>
        <source>Wrong name or PIN.</source>
        <translation>姓名或 PIN 码错误。</translation>
    </message>
    <message>
        <location filename="../../ui/refusal_words.py" line="92"/>
        <source>Type the PIN: an empty PIN accepts nothing.</source>
        <translation>请输入 PIN 码：空的 PIN 码不能接受任何操作。</translation>
    </message>
    <message>
        <location filename="../../ui/refusal_words.py" line="94"/>
        <source>Several users have that name: scan the supervisor&apos;s badge instead.</source>
        <translation>有多个同名用户：请改刷主管工牌。</translation>
    </message>
    <message>
        <location filename="../../ui/refusal_words.py" line="98"/>
        <source>Not a supervisor&apos;s name and PIN: nothing accepted.</source>
        <translation>这不是主管的姓名和 PIN 码：未接受任何操作。</translation>
    </message>
    <message>
        <location filename="../../ui/refusal_words.py" line="99"/>
        <source>No weight waits for a supervisor now.</source>
        <translation>目前没有等待主管确认的重量。</translation>
    </message>
    <message>
        <location filename="../../ui/refusal_words.py" line="100"/>
        <source>Wrong name or PIN: nothing accepted.</source>
        <translation>姓名或 PIN 码错误：未接受任何操作。</translation>
    </message>
    <message>
        <location filename="../../ui/refusal_words.py" line="123"/>
        <source>Print job %1&apos;s waybill for order %2 carries tracking number %3, which was voided (the order was reopened, or its carrier changed): it must not be printed again. Print a fresh waybill for the order (reprint its waybill from the board).</source>
        <translation>打印任务 %1 中订单 %2 的面单带有运单号 %3，该运单号已作废（订单被重新打开，或更换了承运商）：不得再次打印。请为该订单打印新的面单（在看板上重打它的面单）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusal_words.py" line="131"/>
        <source>Print job %1&apos;s waybill for order %2 carries no tracking number that is still its parcel&apos;s (it was made before the parcel had its number now, or before jobs recorded their numbers): it must not be printed again. Print a fresh waybill for the order (reprint its waybill from the board).</source>
        <translation>打印任务 %1 中订单 %2 的面单没有带其包裹当前的运单号（它是在包裹获得当前运单号之前制作的，或早于打印任务记录运单号的版本）：不得再次打印。请为该订单打印新的面单（在看板上重打它的面单）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusal_words.py" line="164"/>
        <source>Order %1 is cancelled: no waybill is printed for it; its parcels must not leave. Take them off the shipping shelf.</source>
        <translation>订单 %1 已取消：不会为它打印面单，它的包裹不得发出。请把包裹从待发货架上取下。</translation>
    </message>
    <message>
        <location filename="../../ui/refusal_words.py" line="170"/>
        <source>Order %1 is %2, not packed yet: no waybill is printed for it until it is packed. Finish packing it at a counter (its waybill prints there when it is packed), then print it again here if needed.</source>
        <translation>订单 %1 当前为“%2”，尚未装箱：装箱完成前不会为它打印面单。请先在打包台完成打包（装箱完成时面单会在那里打印），如有需要再回到这里重新打印。</translation>
    </message>
    <message>
        <location filename="../../ui/refusal_words.py" line="181"/>
        <source>Order %1 cannot go from %2 to %3 without a reason.</source>
        <translation>订单 %1 不能在没有原因的情况下从“%2”变为“%3”。</translation>
    </message>
    <message>
        <location filename="../../ui/refusal_words.py" line="183"/>
        <source>Order %1 cannot go from %2 to %3.</source>
        <translation>订单 %1 不能从“%2”变为“%3”。</translation>
    </message>
    <message>
        <location filename="../../ui/refusal_words.py" line="191"/>
        <source>Order %1 still has %3 item neither packed nor marked short; pack it or mark it short at a counter first.</source>
        <translation>订单 %1 还有 %3 件商品既未装箱也未标记缺件；请先在打包台装箱或标记缺件。</translation>
    </message>
    <message>
        <location filename="../../ui/refusal_words.py" line="197"/>
        <source>Order %1 still has %3 items neither packed nor marked short; pack them or mark them short at a counter first.</source>
        <translation>订单 %1 还有 %3 件商品既未装箱也未标记缺件；请先在打包台装箱或标记缺件。</translation>
    </message>
    <message>
        <location filename="../../ui/refusal_words.py" line="214"/>
        <source>Locked out after %1 wrong PINs: try later, or ask an admin.</source>
        <translation>PIN 码错误 %1 次，已锁定：请稍后再试，或联系管理员。</translation>
    </message>
    <message>
        <location filename="../../ui/refusal_words.py" line="228"/>
        <source>That order is no longer in the database (id %1).</source>
        <translation>该订单已不在数据库中（ID %1）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusal_words.py" line="230"/>
        <source>There is no order %1.</source>
        <translation>没有订单 %1。</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <location filename="../../ui/permission_words.py" line="16"/>
        <source>packer</source>
        <translation>打包员</translation>
    </message>
    <message>
        <location filename="../../ui/permission_words.py" line="17"/>
        <source>lead</source>
        <translation>组长</translation>
    </message>
    <message>
        <location filename="../../ui/permission_words.py" line="18"/>
        <source>supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <location filename="../../ui/permission_words.py" line="19"/>
        <source>admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../ui/permission_words.py" line="24"/>
        <source>any user</source>
        <translation>任一用户</translation>
    </message>
    <message>
        <location filename="../../ui/permission_words.py" line="25"/>
        <source>a lead, a supervisor or an admin</source>
        <translation>组长、主管或管理员</translation>
    </message>
    <message>
        <location filename="../../ui/permission_words.py" line="26"/>
        <source>a supervisor or an admin</source>
        <translation>主管或管理员</translation>
    </message>
    <message>
        <location filename="../../ui/permission_words.py" line="27"/>
        <source>an admin</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>Scale</name>
    <message>
        <location filename="../../ui/pack/scale_feed.py" line="63"/>
        <source>⚖ Scale: connecting…</source>
        <translation>⚖ 电子秤：正在连接…</translation>
    </message>
    <message>
        <location filename="../../ui/pack/scale_feed.py" line="104"/>
        <source>Zero</source>
        <translation>置零</translation>
    </message>
    <message>
        <location filename="../../ui/pack/scale_feed.py" line="105"/>
        <source>Tare</source>
        <translation>去皮</translation>
    </message>
    <message>
        <location filename="../../ui/pack/scale_feed.py" line="120"/>
        <source>the scale is not connected</source>
        <translation>秤未连接</translation>
    </message>
    <message>
        <location filename="../../ui/pack/scale_feed.py" line="168"/>
        <source>⚖ %1 g</source>
        <translation>⚖ %1 克</translation>
    </message>
    <message>
        <location filename="../../ui/pack/scale_feed.py" line="170"/>
        <source>⚖ %1 g  (moving)</source>
        <translation>⚖ %1 克  （不稳定）</translation>
    </message>
    <message>
        <location filename="../../ui/pack/scale_feed.py" line="183"/>
        <source>⚖ %1</source>
        <translation>⚖ %1</translation>
    </message>
</context>
<context>
    <name>ScanOutcome</name>
    <message>
        <location filename="../../ui/board/detail_words.py" line="24"/>
        <source>order opened</source>
        <translation>订单已打开</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_words.py" line="25"/>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_words.py" line="26"/>
        <source>order complete</source>
        <translation>订单完成</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_words.py" line="27"/>
        <source>wrong item</source>
        <translation>错货</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_words.py" line="28"/>
        <source>one too many</source>
        <translation>多扫</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_words.py" line="29"/>
        <source>unknown code</source>
        <translation>未知条码</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_words.py" line="30"/>
        <source>not a barcode</source>
        <translation>无效条码</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_words.py" line="31"/>
        <source>not packable</source>
        <translation>不可打包</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_words.py" line="32"/>
        <source>no order open</source>
        <translation>未打开订单</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_words.py" line="34"/>
        <source>open at another station</source>
        <translation>已在其他工作台打开</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_words.py" line="36"/>
        <source>other order refused</source>
        <translation>拒绝切换订单</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_words.py" line="37"/>
        <source>serial number needed</source>
        <translation>需扫描序列号</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_words.py" line="38"/>
        <source>lot number needed</source>
        <translation>需扫描批次号</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_words.py" line="39"/>
        <source>serial already packed</source>
        <translation>序列号已被使用</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_words.py" line="40"/>
        <source>expired lot</source>
        <translation>批次已过期</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_words.py" line="41"/>
        <source>to be weighed</source>
        <translation>待称重</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_words.py" line="42"/>
        <source>wrong weight</source>
        <translation>重量不符</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_words.py" line="43"/>
        <source>parcel closed</source>
        <translation>包裹已完成</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_words.py" line="44"/>
        <source>box chosen</source>
        <translation>已选箱子</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_words.py" line="45"/>
        <source>not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_words.py" line="46"/>
        <source>command</source>
        <translation>命令</translation>
    </message>
    <message>
        <location filename="../../ui/board/detail_words.py" line="47"/>
        <source>signed in</source>
        <translation>已登录</translation>
    </message>
</context>
<context>
    <name>Scanner</name>
    <message>
        <location filename="../../ui/serial_scanner.py" line="35"/>
        <source>Scanner %1: connected</source>
        <translation>扫描枪 %1：已连接</translation>
    </message>
    <message>
        <location filename="../../ui/serial_scanner.py" line="37"/>
        <source>Scanner %1: %2 (retrying)</source>
        <translation>扫描枪 %1：%2（正在重连）</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/settings_page.py" line="49"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="53"/>
        <source>Station: %1
Database: %2</source>
        <translation>工作台：%1
数据库：%2</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="59"/>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="69"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="80"/>
        <source>Documents and labels</source>
        <translation>单据与标签</translation>
    </message>
</context>
<context>
    <name>ShortReason</name>
    <message>
        <location filename="../../ui/words.py" line="36"/>
        <source>marked short at the counter</source>
        <translation>在工位标记缺货</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="38"/>
        <source>not found</source>
        <translation>找不到</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="39"/>
        <source>damaged</source>
        <translation>破损</translation>
    </message>
</context>
<context>
    <name>SignInStrip</name>
    <message>
        <location filename="../../ui/sign_in_strip.py" line="63"/>
        <source>Scan or type your badge</source>
        <translation>扫描或输入工牌</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in_strip.py" line="66"/>
        <source>or your name</source>
        <translation>或输入姓名</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in_strip.py" line="67"/>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in_strip.py" line="73"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in_strip.py" line="77"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in_strip.py" line="116"/>
        <source>Nobody is signed in here.</source>
        <translation>本窗口无人登录。</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in_strip.py" line="118"/>
        <source>✔ Signed in as %1 (%2).</source>
        <translation>✔ 已登录：%1（%2）。</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in_strip.py" line="153"/>
        <location filename="../../ui/sign_in_strip.py" line="170"/>
        <source>That badge is not an active user&apos;s.</source>
        <translation>此工牌不属于任何在用的用户。</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in_strip.py" line="168"/>
        <source>Scan or type your badge, or give your name and PIN.</source>
        <translation>请扫描或输入工牌，或填写姓名和 PIN 码。</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../ui/words.py" line="20"/>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="21"/>
        <source>Ready</source>
        <translation>待打包</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="22"/>
        <source>Packing</source>
        <translation>打包中</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="23"/>
        <source>Packed</source>
        <translation>已装</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="24"/>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="25"/>
        <source>On hold</source>
        <translation>已挂起</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="26"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>SupervisorPin</name>
    <message>
        <location filename="../../ui/pack/supervisor_pin.py" line="39"/>
        <source>⚖ Or a supervisor&apos;s name + PIN:</source>
        <translation>⚖ 或由主管输入姓名 + PIN 码：</translation>
    </message>
    <message>
        <location filename="../../ui/pack/supervisor_pin.py" line="40"/>
        <source>Supervisor&apos;s name</source>
        <translation>主管姓名</translation>
    </message>
    <message>
        <location filename="../../ui/pack/supervisor_pin.py" line="41"/>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <location filename="../../ui/pack/supervisor_pin.py" line="46"/>
        <source>Accept the weight</source>
        <translation>接受此重量</translation>
    </message>
    <message>
        <location filename="../../ui/pack/supervisor_pin.py" line="81"/>
        <source>Locked: the packer scans their badge first.</source>
        <translation>已锁定：请打包员先刷工牌。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/supervisor_pin.py" line="83"/>
        <source>Type the supervisor&apos;s name, then the PIN.</source>
        <translation>请输入主管姓名，再输入 PIN 码。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/supervisor_pin.py" line="85"/>
        <source>Type the PIN: an empty PIN accepts nothing.</source>
        <translation>请输入 PIN 码：空的 PIN 码不能接受任何操作。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/supervisor_pin.py" line="89"/>
        <source>Checking the PIN…</source>
        <translation>正在核对 PIN 码…</translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="80"/>
        <source>ON HOLD  %1 is short</source>
        <translation>已挂起  %1 缺货</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="84"/>
        <source>OK  %1  %2/%3</source>
        <translation>正确  %1  %2/%3</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="87"/>
        <source>  (+%1 case)</source>
        <translation>  （整箱 +%1）</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="91"/>
        <source>WEIGH THE PARCEL  %1</source>
        <translation>请称重包裹  %1</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="95"/>
        <source>PARCEL %1 WEIGHED: pack parcel %2</source>
        <translation>第 %1 个包裹已称重：请装第 %2 个包裹</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="101"/>
        <source>BOX  %1</source>
        <translation>箱子  %1</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="245"/>
        <source>WRONG WEIGHT: check the box</source>
        <translation>重量不符：请检查箱子</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="108"/>
        <source>Order %1 complete</source>
        <translation>订单 %1 已完成</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="115"/>
        <source>EMPTY THE BOX  then pack %1</source>
        <translation>请清空箱子  再打包 %1</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="119"/>
        <source>Order %1: %2 to pack</source>
        <translation>订单 %1：需装 %2 件</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="127"/>
        <source>ORDER %1 NOT FINISHED</source>
        <translation>订单 %1 未装完</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="134"/>
        <source>WRONG ITEM  %1</source>
        <translation>错货  %1</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="138"/>
        <source>TOO MANY  %1  already %2/%3</source>
        <translation>多扫  %1  已装 %2/%3</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="197"/>
        <source>UNKNOWN CODE</source>
        <translation>未知条码</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="149"/>
        <source>NOT A SERIAL OR LOT NUMBER</source>
        <translation>不是序列号或批号</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="203"/>
        <source>NOT A BARCODE: scan again</source>
        <translation>无效条码：请重扫</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="153"/>
        <source>Now scan the SERIAL NUMBER of %1</source>
        <translation>请扫描 %1 的序列号</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="155"/>
        <source>Now scan the LOT NUMBER of %1</source>
        <translation>请扫描 %1 的批次号</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="174"/>
        <source>%1 refused: %2 still to pack</source>
        <translation>%1 被拒绝：还有 %2 件未装</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="180"/>
        <source>%1 refused</source>
        <translation>%1 被拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="187"/>
        <source>%1: done</source>
        <translation>%1：已完成</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="209"/>
        <source>SERIAL ALREADY PACKED</source>
        <translation>序列号已被使用</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="215"/>
        <source>EXPIRED LOT: do not pack</source>
        <translation>批次已过期：请勿打包</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="221"/>
        <source>DO NOT PACK</source>
        <translation>请勿打包</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="227"/>
        <source>Order is open at another station</source>
        <translation>订单正在其他工作台打包</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="233"/>
        <source>Scan an order first</source>
        <translation>请先扫订单</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="239"/>
        <source>Scan your badge to sign in</source>
        <translation>请扫工牌登录</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="165"/>
        <source>%1 takes over order %2</source>
        <translation>%1 接手订单 %2</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="247"/>
        <source>Signed in</source>
        <translation>已登录</translation>
    </message>
</context>
<context>
    <name>VerdictBanner</name>
    <message>
        <location filename="../../ui/pack/verdict_banner.py" line="60"/>
        <source>Scan your badge, then an order</source>
        <translation>请先扫工牌，再扫订单</translation>
    </message>
</context>
<context>
    <name>VerdictDetail</name>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="325"/>
        <source>%1: %2 more to pack in this order.</source>
        <translation>%1：本订单还需装 %2 件。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="269"/>
        <source>Scan each item as it goes into the box.</source>
        <translation>每件商品放进箱子时扫描一次。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="303"/>
        <source>Order %1 is on hold: do not pack it. A supervisor can release it.</source>
        <translation>订单 %1 已挂起：请勿打包。主管可以解除挂起。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="307"/>
        <source>Order %1 was cancelled: do not pack it.</source>
        <translation>订单 %1 已取消：请勿打包。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="308"/>
        <source>Order %1 has shipped already.</source>
        <translation>订单 %1 已经发货。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="309"/>
        <source>Order %1 is packed already.</source>
        <translation>订单 %1 已经打包完成。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="310"/>
        <source>Order %1 is not released for packing yet.</source>
        <translation>订单 %1 尚未放行打包。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="315"/>
        <source>lot expired %1</source>
        <translation>批次已于 %1 过期</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="360"/>
        <source>%1 Still to pack: %2</source>
        <translation>%1还要装：%2</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="378"/>
        <source>Order %1 is being packed at %2. A supervisor can release it.</source>
        <translation>订单 %1 正在 %2 打包。主管可以释放它。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="272"/>
        <source>Take it out of the box: the line is already complete.</source>
        <translation>请从箱子里拿出来：这一行已经装够了。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="344"/>
        <source>Put it back: %1 is not in order %2 (it is in order %3).</source>
        <translation>请放回：%1 不在订单 %2 中（它属于订单 %3）。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="353"/>
        <source>Put it back: %1 is not in order %2.</source>
        <translation>请放回：%1 不在订单 %2 中。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="369"/>
        <source>%1 is not an order, an item or a badge.</source>
        <translation>%1 不是订单、商品或工牌。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="275"/>
        <source>That was not a barcode. Scan again.</source>
        <translation>这不是条码。请重新扫描。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="266"/>
        <source>Everything is in. Its documents are printing…</source>
        <translation>全部已装箱。正在打印单据……</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="278"/>
        <source>The item is not counted until its number is scanned.</source>
        <translation>扫描该号码之前，这件商品不计数。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="281"/>
        <source>This serial number was packed before. Check the item; take another one.</source>
        <translation>此序列号已经包装过。请检查商品，换一件。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="287"/>
        <source>Take another one from a lot that has not expired.</source>
        <translation>请换一件未过期批次的商品。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="290"/>
        <source>Scan the order&apos;s packing slip or pick list first.</source>
        <translation>请先扫描订单的装箱单或拣货单。</translation>
    </message>
    <message>
        <location filename="../../ui/pack/verdict_look.py" line="293"/>
        <source>Scan your badge, then the order.</source>
        <translation>请先扫工牌，再扫订单。</translation>
    </message>
</context>
<context>
    <name>Wall</name>
    <message>
        <location filename="../../ui/board/wall_tiles.py" line="160"/>
        <location filename="../../ui/board/wall_tiles.py" line="209"/>
        <source>orders</source>
        <translation>单</translation>
    </message>
    <message>
        <location filename="../../ui/board/wall_tiles.py" line="161"/>
        <location filename="../../ui/board/wall_tiles.py" line="223"/>
        <source>⚠ late</source>
        <translation>⚠ 超时</translation>
    </message>
    <message>
        <location filename="../../ui/board/wall_tiles.py" line="162"/>
        <location filename="../../ui/board/wall_tiles.py" line="224"/>
        <source>⊗ stuck</source>
        <translation>⊗ 滞留</translation>
    </message>
    <message>
        <location filename="../../ui/board/wall_tiles.py" line="207"/>
        <source>order</source>
        <translation>单</translation>
    </message>
    <message>
        <location filename="../../ui/board/wall_tiles.py" line="213"/>
        <source>◆ %1 at risk</source>
        <translation>◆ %1 单有风险</translation>
    </message>
    <message>
        <location filename="../../ui/board/wall_tiles.py" line="216"/>
        <source>✔ all on time</source>
        <translation>✔ 全部准时</translation>
    </message>
    <message>
        <location filename="../../ui/board/wall_tiles.py" line="242"/>
        <source>✔ nothing left to load</source>
        <translation>✔ 已全部装车</translation>
    </message>
    <message>
        <location filename="../../ui/board/wall_tiles.py" line="245"/>
        <source>1 parcel to load</source>
        <translation>待装车：1 个包裹</translation>
    </message>
    <message>
        <location filename="../../ui/board/wall_tiles.py" line="248"/>
        <source>%1 parcels to load</source>
        <translation>待装车：%1 个包裹</translation>
    </message>
    <message>
        <location filename="../../ui/board/wall_tiles.py" line="252"/>
        <source>1 order to pack</source>
        <translation>待打包：1 单</translation>
    </message>
    <message>
        <location filename="../../ui/board/wall_tiles.py" line="255"/>
        <source>%1 orders to pack</source>
        <translation>待打包：%1 单</translation>
    </message>
    <message>
        <location filename="../../ui/board/wall_tiles.py" line="261"/>
        <source>⚠ Passed %1 ago</source>
        <translation>⚠ 已截单 %1</translation>
    </message>
    <message>
        <location filename="../../ui/board/wall_tiles.py" line="264"/>
        <source>✔ Passed, all loaded</source>
        <translation>✔ 已截单，全部装车</translation>
    </message>
    <message>
        <location filename="../../ui/board/wall_tiles.py" line="267"/>
        <source>◷ Only %1 left</source>
        <translation>◷ 距截单仅剩 %1</translation>
    </message>
    <message>
        <location filename="../../ui/board/wall_tiles.py" line="270"/>
        <source>%1 left</source>
        <translation>距截单 %1</translation>
    </message>
    <message>
        <location filename="../../ui/board/wall_tiles.py" line="312"/>
        <source>%1: cut-off %2</source>
        <translation>%1：截单 %2</translation>
    </message>
    <message>
        <location filename="../../ui/board/wall_tiles.py" line="345"/>
        <source>To leave before each carrier&apos;s cut-off</source>
        <translation>各快递截单前待发</translation>
    </message>
    <message>
        <location filename="../../ui/board/wall_tiles.py" line="348"/>
        <source>%1 — ⚠ not live: as it was at %2</source>
        <translation>%1 —— ⚠ 非实时：%2 时的情况</translation>
    </message>
</context>
<context>
    <name>WallDisplay</name>
    <message>
        <location filename="../../ui/board/wall_display.py" line="158"/>
        <source>Packdesk — wall display</source>
        <translation>Packdesk — 大屏</translation>
    </message>
    <message>
        <location filename="../../ui/board/wall_display.py" line="159"/>
        <source>Orders on the floor</source>
        <translation>现场订单</translation>
    </message>
    <message>
        <location filename="../../ui/board/wall_display.py" line="288"/>
        <source>✔ No orders on the floor</source>
        <translation>✔ 现场没有订单</translation>
    </message>
    <message>
        <location filename="../../ui/board/wall_display.py" line="295"/>
        <source>▶ %1 — late or stuck: %2–%3 of %4</source>
        <translation>▶ %1 — 超时或滞留：第 %2–%3 单，共 %4 单</translation>
    </message>
    <message>
        <location filename="../../ui/board/wall_display.py" line="297"/>
        <source> · +%1 more not listed</source>
        <translation> · 另有 %1 单未列出</translation>
    </message>
    <message>
        <location filename="../../ui/board/wall_display.py" line="300"/>
        <source>▶ %1 — the others: the %2 most urgent of %3</source>
        <translation>▶ %1 — 其余订单：%3 单中最急的 %2 单</translation>
    </message>
    <message>
        <location filename="../../ui/board/wall_display.py" line="303"/>
        <source>▶ %1 — the others: %2–%3 of %4</source>
        <translation>▶ %1 — 其余订单：第 %2–%3 单，共 %4 单</translation>
    </message>
    <message>
        <location filename="../../ui/board/wall_display.py" line="306"/>
        <source>page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <location filename="../../ui/words.py" line="90"/>
        <source>%1 order</source>
        <translation>%1 单</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="92"/>
        <source>%1 orders</source>
        <translation>%1 单</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="100"/>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="101"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
</context>
</TS>
