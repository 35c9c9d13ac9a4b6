<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="35"/>
        <source>Packdesk — %1</source>
        <translation>Packdesk — %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="50"/>
        <source>The supervisor&apos;s board</source>
        <translation>主管看板</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="50"/>
        <source>Live order status and KPIs come here.</source>
        <translation>实时订单状态与绩效指标将显示在这里。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="53"/>
        <location filename="../../ui/main_window.py" line="63"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="54"/>
        <source>Station: %1
Database: %2</source>
        <translation>工作台：%1
数据库：%2</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="60"/>
        <source>Pack</source>
        <translation>打包</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="61"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="62"/>
        <source>Board</source>
        <translation>看板</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="70"/>
        <source>Station %1 · %2</source>
        <translation>工作台 %1 · %2</translation>
    </message>
</context>
<context>
    <name>OrdersModel</name>
    <message>
        <location filename="../../ui/orders_model.py" line="37"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../ui/orders_model.py" line="38"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/orders_model.py" line="39"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/orders_model.py" line="40"/>
        <source>Carrier</source>
        <translation>快递</translation>
    </message>
    <message>
        <location filename="../../ui/orders_model.py" line="41"/>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../../ui/orders_model.py" line="42"/>
        <source>Packed</source>
        <translation>已装</translation>
    </message>
    <message>
        <location filename="../../ui/orders_model.py" line="43"/>
        <source>Ship by</source>
        <translation>最晚发货</translation>
    </message>
    <message>
        <location filename="../../ui/orders_model.py" line="44"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../ui/orders_model.py" line="107"/>
        <source> (late)</source>
        <translation>（已超时）</translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <location filename="../../ui/orders_page.py" line="66"/>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../ui/orders_page.py" line="70"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/orders_page.py" line="87"/>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location filename="../../ui/orders_page.py" line="118"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location filename="../../ui/orders_page.py" line="142"/>
        <source>%1 of %2 orders</source>
        <translation>%1 / %2 个订单</translation>
    </message>
    <message>
        <location filename="../../ui/orders_page.py" line="150"/>
        <source>Could not load the orders: </source>
        <translation>无法加载订单：</translation>
    </message>
</context>
<context>
    <name>PackLinesModel</name>
    <message>
        <location filename="../../ui/pack_lines_model.py" line="72"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../ui/pack_lines_model.py" line="72"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/pack_lines_model.py" line="72"/>
        <source>Bin</source>
        <translation>库位</translation>
    </message>
    <message>
        <location filename="../../ui/pack_lines_model.py" line="72"/>
        <source>Packed</source>
        <translation>已装</translation>
    </message>
    <message>
        <location filename="../../ui/pack_lines_model.py" line="99"/>
        <source>short</source>
        <translation>缺货</translation>
    </message>
    <message>
        <location filename="../../ui/pack_lines_model.py" line="104"/>
        <source>serial</source>
        <translation>序列号</translation>
    </message>
    <message>
        <location filename="../../ui/pack_lines_model.py" line="106"/>
        <source>lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../ui/pack_lines_model.py" line="112"/>
        <source>  (%1 short)</source>
        <translation>  （缺 %1）</translation>
    </message>
</context>
<context>
    <name>PackPage</name>
    <message>
        <location filename="../../ui/pack_page.py" line="71"/>
        <source>⚑ Locked after a pause: scan your badge to go on</source>
        <translation>⚑ 长时间未操作已锁定：请扫工牌继续</translation>
    </message>
    <message>
        <location filename="../../ui/pack_page.py" line="96"/>
        <source>Type a code and press Enter (F2)</source>
        <translation>输入条码后按回车（F2）</translation>
    </message>
    <message>
        <location filename="../../ui/pack_page.py" line="99"/>
        <source>Confirm by hand (F8)</source>
        <translation>手动确认（F8）</translation>
    </message>
    <message>
        <location filename="../../ui/pack_page.py" line="140"/>
        <source>Undo last</source>
        <translation>撤销上一步</translation>
    </message>
    <message>
        <location filename="../../ui/pack_page.py" line="141"/>
        <source>Short</source>
        <translation>缺货</translation>
    </message>
    <message>
        <location filename="../../ui/pack_page.py" line="142"/>
        <source>Hold</source>
        <translation>挂起</translation>
    </message>
    <message>
        <location filename="../../ui/pack_page.py" line="143"/>
        <source>Complete</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../ui/pack_page.py" line="144"/>
        <source>Next parcel</source>
        <translation>下一个包裹</translation>
    </message>
    <message>
        <location filename="../../ui/pack_page.py" line="145"/>
        <source>Reprint</source>
        <translation>重新打印</translation>
    </message>
    <message>
        <location filename="../../ui/pack_page.py" line="146"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../ui/pack_page.py" line="164"/>
        <source>Scans</source>
        <translation>扫描记录</translation>
    </message>
    <message>
        <location filename="../../ui/pack_page.py" line="198"/>
        <source>Select the line first</source>
        <translation>请先选择一行</translation>
    </message>
    <message>
        <location filename="../../ui/pack_page.py" line="221"/>
        <source>Packer: %1</source>
        <translation>打包员：%1</translation>
    </message>
    <message>
        <location filename="../../ui/pack_page.py" line="223"/>
        <source>Nobody signed in: scan your badge</source>
        <translation>未登录：请扫工牌</translation>
    </message>
    <message>
        <location filename="../../ui/pack_page.py" line="229"/>
        <source>Order %1 is now %2: stop packing it</source>
        <translation>订单 %1 已变为%2：请停止打包</translation>
    </message>
    <message>
        <location filename="../../ui/pack_page.py" line="233"/>
        <source>No order open</source>
        <translation>没有打开的订单</translation>
    </message>
    <message>
        <location filename="../../ui/pack_page.py" line="234"/>
        <source>Scan the order&apos;s slip or pick list.</source>
        <translation>请扫描装箱单或拣货单上的订单条码。</translation>
    </message>
    <message>
        <location filename="../../ui/pack_page.py" line="243"/>
        <source>ship by %1</source>
        <translation>最晚 %1 发货</translation>
    </message>
    <message>
        <location filename="../../ui/pack_page.py" line="247"/>
        <source>%1 left</source>
        <translation>还剩 %1 件</translation>
    </message>
    <message>
        <location filename="../../ui/pack_page.py" line="251"/>
        <source>Not saved: try again</source>
        <translation>未保存：请重试</translation>
    </message>
    <message>
        <location filename="../../ui/pack_page.py" line="259"/>
        <source>%1 scans waiting…</source>
        <translation>%1 次扫描等待处理…</translation>
    </message>
</context>
<context>
    <name>Scanner</name>
    <message>
        <location filename="../../ui/serial_scanner.py" line="34"/>
        <source>Scanner %1: connected</source>
        <translation>扫描枪 %1：已连接</translation>
    </message>
    <message>
        <location filename="../../ui/serial_scanner.py" line="36"/>
        <source>Scanner %1: %2 (retrying)</source>
        <translation>扫描枪 %1：%2（正在重连）</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../ui/words.py" line="10"/>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="11"/>
        <source>Ready</source>
        <translation>待打包</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="12"/>
        <source>Packing</source>
        <translation>打包中</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="13"/>
        <source>Packed</source>
        <translation>已装</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="14"/>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="15"/>
        <source>On hold</source>
        <translation>已挂起</translation>
    </message>
    <message>
        <location filename="../../ui/words.py" line="16"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message>
        <location filename="../../ui/verdict_look.py" line="44"/>
        <source>OK  %1  %2</source>
        <translation>正确  %1  %2</translation>
    </message>
    <message>
        <location filename="../../ui/verdict_look.py" line="49"/>
        <source>  (+%1 case)</source>
        <translation>  （整箱 +%1）</translation>
    </message>
    <message>
        <location filename="../../ui/verdict_look.py" line="58"/>
        <source>Order %1 complete</source>
        <translation>订单 %1 已完成</translation>
    </message>
    <message>
        <location filename="../../ui/verdict_look.py" line="61"/>
        <source>Order %1: %2 to pack</source>
        <translation>订单 %1：需装 %2 件</translation>
    </message>
    <message>
        <location filename="../../ui/verdict_look.py" line="66"/>
        <source>WRONG ITEM  %1</source>
        <translation>错货  %1</translation>
    </message>
    <message>
        <location filename="../../ui/verdict_look.py" line="69"/>
        <source>TOO MANY  %1  already %2/%3</source>
        <translation>多扫  %1  已装 %2/%3</translation>
    </message>
    <message>
        <location filename="../../ui/verdict_look.py" line="75"/>
        <source>UNKNOWN CODE</source>
        <translation>未知条码</translation>
    </message>
    <message>
        <location filename="../../ui/verdict_look.py" line="81"/>
        <source>NOT A BARCODE: scan again</source>
        <translation>无效条码：请重扫</translation>
    </message>
    <message>
        <location filename="../../ui/verdict_look.py" line="85"/>
        <source>serial number</source>
        <translation>序列号</translation>
    </message>
    <message>
        <location filename="../../ui/verdict_look.py" line="87"/>
        <source>lot number</source>
        <translation>批次号</translation>
    </message>
    <message>
        <location filename="../../ui/verdict_look.py" line="90"/>
        <source>Now scan the %1 of %2</source>
        <translation>请扫描 %2 的%1</translation>
    </message>
    <message>
        <location filename="../../ui/verdict_look.py" line="100"/>
        <source>SERIAL ALREADY PACKED</source>
        <translation>序列号已被使用</translation>
    </message>
    <message>
        <location filename="../../ui/verdict_look.py" line="107"/>
        <source>EXPIRED LOT: do not pack</source>
        <translation>批次已过期：请勿打包</translation>
    </message>
    <message>
        <location filename="../../ui/verdict_look.py" line="111"/>
        <source>DO NOT PACK</source>
        <translation>请勿打包</translation>
    </message>
    <message>
        <location filename="../../ui/verdict_look.py" line="118"/>
        <source>Order is open at another station</source>
        <translation>订单正在其他工作台打包</translation>
    </message>
    <message>
        <location filename="../../ui/verdict_look.py" line="122"/>
        <source>Scan an order first</source>
        <translation>请先扫订单</translation>
    </message>
    <message>
        <location filename="../../ui/verdict_look.py" line="129"/>
        <source>Scan your badge to sign in</source>
        <translation>请扫工牌登录</translation>
    </message>
    <message>
        <location filename="../../ui/verdict_look.py" line="132"/>
        <source>Signed in</source>
        <translation>已登录</translation>
    </message>
    <message>
        <location filename="../../ui/verdict_look.py" line="137"/>
        <source>Command: %1</source>
        <translation>指令：%1</translation>
    </message>
</context>
<context>
    <name>VerdictBanner</name>
    <message>
        <location filename="../../ui/verdict_banner.py" line="33"/>
        <source>Scan your badge, then an order</source>
        <translation>请先扫工牌，再扫订单</translation>
    </message>
</context>
</TS>
