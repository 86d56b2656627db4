<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../ui/action_dialogs.py" line="93"/>
        <source>Hồ sơ %1 — %2 — %3</source>
        <extracomment>run(parent, job, on_done, on_error): runs a core call in the background and shows a failure the standard way (the dossier view&apos;s :func:`ui.operations.run_op`)</extracomment>
        <translation>Dossier %1 — %2 — %3</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="102"/>
        <source>Xác nhận (Ctrl+Enter)</source>
        <translation>Confirm (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="104"/>
        <source>Hủy (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="129"/>
        <source>Lỗi không mong muốn: %1</source>
        <translation>Unexpected error: %1</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="145"/>
        <source>Hãy nhập «%1».</source>
        <translation>Enter «%1».</translation>
    </message>
</context>
<context>
    <name>ApologyDialog</name>
    <message>
        <location filename="../../ui/action_dialogs.py" line="379"/>
        <source>Xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)</source>
        <translation>Apology and new return date (Form 04)</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="382"/>
        <source>Cơ quan giải quyết:</source>
        <translation>Processing agency:</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="383"/>
        <source>Lý do chậm trả kết quả (*):</source>
        <translation>Reason for the delay (*):</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="389"/>
        <source>Ngày hẹn trả mới:</source>
        <translation>New return date:</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="390"/>
        <source>Họ tên thủ trưởng ký phiếu (*):</source>
        <translation>Name of the head of agency who signs (*):</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="392"/>
        <source>Lý do lập muộn (người giám sát):</source>
        <translation>Reason for the late apology (supervisor):</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="397"/>
        <source>Hẹn trả hiện tại: %1. Phiếu xin lỗi phải lập chậm nhất 01 ngày làm việc trước ngày hẹn trả, và chỉ một lần.</source>
        <translation>Current return date: %1. The apology must be issued at least 1 working day before the return date, and only once.</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="412"/>
        <source>Hãy ghi lý do lập phiếu xin lỗi muộn (được ghi vào nhật ký).</source>
        <translation>Write the reason for the late apology (it is recorded in the audit log).</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="424"/>
        <source>Bạn có quyền giám sát: ghi lý do lập muộn rồi xác nhận lại (Ctrl+Enter).</source>
        <translation>You are a supervisor: write the reason for the late apology, then confirm again (Ctrl+Enter).</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="49"/>
        <source>Không mở được thư mục dữ liệu: %1</source>
        <translation>Cannot open the data folder: %1</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="53"/>
        <source>Bộ phận Một cửa đã mở với thư mục dữ liệu này: đã đưa cửa sổ đó lên trước.</source>
        <translation>The one-stop desk app is already open with this data folder: its window has been brought to the front.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="86"/>
        <source>Không mở được cơ sở dữ liệu (%1): %2</source>
        <translation>Cannot open the database (%1): %2</translation>
    </message>
</context>
<context>
    <name>AuditCheck</name>
    <message>
        <location filename="../../ui/audit_check.py" line="47"/>
        <source>Nhật ký hệ thống bị can thiệp</source>
        <translation>The audit log has been tampered with</translation>
    </message>
    <message>
        <location filename="../../ui/audit_check.py" line="49"/>
        <source>Hãy báo ngay cho lãnh đạo và không sửa cơ sở dữ liệu; kiểm tra lại bằng lệnh «desk-app audit verify».</source>
        <translation>Tell the head of the office at once and do not change the database; check again with «desk-app audit verify».</translation>
    </message>
</context>
<context>
    <name>AuditViewer</name>
    <message>
        <location filename="../../ui/audit_viewer.py" line="37"/>
        <source>Số TT</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/audit_viewer.py" line="38"/>
        <source>Thời điểm</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/audit_viewer.py" line="39"/>
        <location filename="../../ui/audit_viewer.py" line="80"/>
        <source>Người dùng</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../ui/audit_viewer.py" line="40"/>
        <location filename="../../ui/audit_viewer.py" line="81"/>
        <source>Thao tác</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/audit_viewer.py" line="41"/>
        <source>Đối tượng</source>
        <translation>Object</translation>
    </message>
    <message>
        <location filename="../../ui/audit_viewer.py" line="42"/>
        <source>Liên quan đến</source>
        <translation>Concerns</translation>
    </message>
    <message>
        <location filename="../../ui/audit_viewer.py" line="43"/>
        <source>Chi tiết</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/audit_viewer.py" line="57"/>
        <source>Nhật ký truy cập dữ liệu công dân</source>
        <translation>Access log of citizens&apos; data</translation>
    </message>
    <message>
        <location filename="../../ui/audit_viewer.py" line="62"/>
        <source>12 chữ số (hoặc 9 chữ số CMND cũ); để trống: mọi công dân</source>
        <translation>12 digits (or the old 9-digit ID); empty: every citizen</translation>
    </message>
    <message>
        <location filename="../../ui/audit_viewer.py" line="65"/>
        <source>tên đăng nhập; để trống: mọi người dùng</source>
        <translation>user name; empty: every user</translation>
    </message>
    <message>
        <location filename="../../ui/audit_viewer.py" line="76"/>
        <source>đến</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/audit_viewer.py" line="79"/>
        <source>Số định danh công dân</source>
        <translation>Citizen&apos;s personal ID</translation>
    </message>
    <message>
        <location filename="../../ui/audit_viewer.py" line="82"/>
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/audit_viewer.py" line="84"/>
        <source>Enter: tìm · ↓: vào kết quả · Ctrl+L: về ô lọc · Ctrl+E: xuất tệp (.csv, .xlsx, .pdf)</source>
        <translation>Enter: search · ↓: into the results · Ctrl+L: back to the filters · Ctrl+E: export (.csv, .xlsx, .pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/audit_viewer.py" line="135"/>
        <source>Đang tìm trong nhật ký…</source>
        <translation>Searching the log…</translation>
    </message>
    <message>
        <location filename="../../ui/audit_viewer.py" line="138"/>
        <source>Nhật ký truy cập</source>
        <translation>Access log</translation>
    </message>
    <message>
        <location filename="../../ui/audit_viewer.py" line="148"/>
        <source>%1 dòng — %2</source>
        <translation>%1 rows — %2</translation>
    </message>
    <message>
        <location filename="../../ui/audit_viewer.py" line="150"/>
        <source>hồ sơ của công dân: %1</source>
        <translation>dossiers of the citizen: %1</translation>
    </message>
    <message>
        <location filename="../../ui/audit_viewer.py" line="151"/>
        <source>không có</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../ui/audit_viewer.py" line="153"/>
        <source>đã cắt bớt, hãy thu hẹp điều kiện lọc</source>
        <translation>cut short, narrow the filters</translation>
    </message>
    <message>
        <location filename="../../ui/audit_viewer.py" line="162"/>
        <location filename="../../ui/audit_viewer.py" line="182"/>
        <source>Xuất nhật ký</source>
        <translation>Export the log</translation>
    </message>
    <message>
        <location filename="../../ui/audit_viewer.py" line="163"/>
        <source>PDF (*.pdf);;Bảng tính (*.xlsx);;CSV (*.csv)</source>
        <translation>PDF (*.pdf);;Spreadsheet (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/audit_viewer.py" line="173"/>
        <source>Đang xuất nhật ký…</source>
        <translation>Exporting the log…</translation>
    </message>
    <message>
        <location filename="../../ui/audit_viewer.py" line="177"/>
        <source>Đã xuất %1 dòng: %2</source>
        <translation>Exported %1 rows: %2</translation>
    </message>
</context>
<context>
    <name>CashDialog</name>
    <message>
        <location filename="../../ui/supervisor_day.py" line="86"/>
        <source>Kiểm đếm tiền mặt</source>
        <translation>Cash count</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="88"/>
        <source>Đã xác nhận thu bằng tiền mặt: %1</source>
        <translation>Confirmed in cash: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="102"/>
        <source>Lưu (Enter)</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="103"/>
        <source>Huỷ (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="116"/>
        <source>Tổng kiểm đếm: %1</source>
        <translation>Total counted: %1</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="183"/>
        <source>Đổi mật khẩu</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="186"/>
        <source>Quản trị viên đã đặt lại mật khẩu của bạn. Hãy chọn mật khẩu mới.</source>
        <translation>An administrator reset your password. Choose a new password.</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="199"/>
        <source>Mật khẩu hiện tại:</source>
        <translation>Current password:</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="203"/>
        <source>Mật khẩu mới (ít nhất %1 ký tự):</source>
        <translation>New password (at least %1 characters):</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="205"/>
        <source>Nhập lại mật khẩu mới:</source>
        <translation>New password again:</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="206"/>
        <source>Không dùng mật khẩu phổ biến hay dựa trên tên của bạn; một câu ngắn dễ nhớ là mật khẩu tốt.</source>
        <translation>Do not use a common password or one based on your name; a short sentence you remember makes a good password.</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="210"/>
        <source>Hai lần nhập mật khẩu mới không khớp.</source>
        <translation>The two new passwords do not match.</translation>
    </message>
</context>
<context>
    <name>ChipCardBox</name>
    <message>
        <location filename="../../ui/chip_watch.py" line="113"/>
        <source>Ảnh chân dung trong chip: chỉ hiển thị, không lưu</source>
        <translation>Portrait from the chip: shown only, not stored</translation>
    </message>
    <message>
        <location filename="../../ui/chip_watch.py" line="114"/>
        <location filename="../../ui/chip_watch.py" line="193"/>
        <source>Đặt thẻ căn cước gắn chip lên đầu đọc.</source>
        <translation>Place the chip ID card on the reader.</translation>
    </message>
    <message>
        <location filename="../../ui/chip_watch.py" line="117"/>
        <source>Số định danh, ngày sinh, ngày hết hạn (hoặc 3 dòng MRZ, mã CAN) — Enter</source>
        <translation>Personal ID, date of birth, expiry date (or the 3 MRZ lines, the CAN) — Enter</translation>
    </message>
    <message>
        <location filename="../../ui/chip_watch.py" line="155"/>
        <source>Đã nhận vùng MRZ mặt sau: đặt thẻ lên đầu đọc.</source>
        <translation>Back-side MRZ received: place the card on the reader.</translation>
    </message>
    <message>
        <location filename="../../ui/chip_watch.py" line="203"/>
        <source>Thẻ đã đặt lên đầu đọc: nhập số định danh, ngày sinh, ngày hết hạn (hoặc quét mặt sau) để mở chip.</source>
        <translation>Card on the reader: enter the personal ID, date of birth and expiry date (or scan the back side) to open the chip.</translation>
    </message>
    <message>
        <location filename="../../ui/chip_watch.py" line="209"/>
        <source>Đang đọc chip… giữ yên thẻ trên đầu đọc.</source>
        <translation>Reading the chip… keep the card still on the reader.</translation>
    </message>
    <message>
        <location filename="../../ui/chip_watch.py" line="235"/>
        <source>Đã đọc chip CCCD của %1. %2</source>
        <translation>Read the chip ID card of %1. %2</translation>
    </message>
    <message>
        <location filename="../../ui/chip_watch.py" line="247"/>
        <source>Không đọc được chip: %1</source>
        <translation>Cannot read the chip: %1</translation>
    </message>
</context>
<context>
    <name>CounterPages</name>
    <message>
        <location filename="../../ui/counter_pages.py" line="81"/>
        <source>xuất trình, không số hóa</source>
        <translation>shown, not digitised</translation>
    </message>
    <message>
        <location filename="../../ui/counter_pages.py" line="82"/>
        <location filename="../../ui/counter_pages.py" line="84"/>
        <source>%1 trang</source>
        <translation>%1 pages</translation>
    </message>
    <message>
        <location filename="../../ui/counter_pages.py" line="86"/>
        <source>chưa có trang</source>
        <translation>no pages yet</translation>
    </message>
    <message>
        <location filename="../../ui/counter_pages.py" line="133"/>
        <source>Tờ khai đã quét là «%1»: nhấn Alt+0 để chọn thủ tục này.</source>
        <translation>The scanned declaration is «%1»: press Alt+0 to choose this procedure.</translation>
    </message>
</context>
<context>
    <name>CreateUserDialog</name>
    <message>
        <location filename="../../ui/user_admin.py" line="54"/>
        <source>Tên đăng nhập</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../ui/user_admin.py" line="55"/>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../ui/user_admin.py" line="56"/>
        <source>Vai trò</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../ui/user_admin.py" line="57"/>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/user_admin.py" line="62"/>
        <source>Hãy nhập tên đăng nhập và họ tên.</source>
        <translation>Enter the user name and the full name.</translation>
    </message>
    <message>
        <location filename="../../ui/user_admin.py" line="64"/>
        <source>Hai lần nhập mật khẩu không khớp.</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>DeclarationReader</name>
    <message>
        <location filename="../../ui/eform_declaration.py" line="86"/>
        <source>Đã đọc ảnh chụp tờ khai: %1 giá trị, tất cả là ô vàng cần đối chiếu với giấy (ảnh chụp không đủ tin cậy để tự điền).</source>
        <translation>Read the photographed declaration: %1 values, all yellow for you to check against the paper (a photo is not reliable enough to fill them in).</translation>
    </message>
    <message>
        <location filename="../../ui/eform_declaration.py" line="89"/>
        <source>Đã đọc tờ khai đã quét: %1 giá trị; ô vàng cần đối chiếu.</source>
        <translation>Read the scanned declaration: %1 values; yellow fields need checking.</translation>
    </message>
    <message>
        <location filename="../../ui/eform_declaration.py" line="95"/>
        <source>Không đọc được tờ khai đã quét (%1); hãy nhập các trường.</source>
        <translation>Cannot read the scanned declaration (%1); please type the fields.</translation>
    </message>
</context>
<context>
    <name>DefectTable</name>
    <message>
        <location filename="../../ui/action_dialogs.py" line="264"/>
        <source>Thành phần hồ sơ</source>
        <translation>Dossier component</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="264"/>
        <source>Nội dung cần bổ sung, hoàn thiện</source>
        <translation>What must be supplemented or corrected</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="265"/>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>DeliveryBox</name>
    <message>
        <location filename="../../ui/postal_workspace.py" line="625"/>
        <source>Số hiệu bưu gửi trả kết quả</source>
        <translation>Item number of the returned result</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="631"/>
        <source>Số hiệu (S10):</source>
        <translation>Item number (S10):</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="632"/>
        <source>Ghi chú (không phát được):</source>
        <translation>Note (not delivered):</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="633"/>
        <source>Người nhận:</source>
        <translation>Receiver:</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="634"/>
        <source>Số định danh người nhận:</source>
        <translation>Receiver&apos;s personal ID:</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="635"/>
        <source>Ctrl+Shift+K: không phát được · Ctrl+Shift+D: đã phát (quét phiếu phát đã ký)</source>
        <translation>Ctrl+Shift+K: not delivered · Ctrl+Shift+D: delivered (scan the signed delivery note)</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="646"/>
        <source>Bưu gửi %1: mời nhận lần %2 không thành công.</source>
        <translation>Item %1: delivery invitation %2 failed.</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="648"/>
        <location filename="../../ui/postal_workspace.py" line="665"/>
        <source>Chưa ghi nhận được</source>
        <translation>Could not be recorded</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="662"/>
        <source>Bưu gửi %1: đã phát (hồ sơ %2).</source>
        <translation>Item %1: delivered (dossier %2).</translation>
    </message>
</context>
<context>
    <name>DeskTransferBox</name>
    <message>
        <location filename="../../ui/postal_transfer_boxes.py" line="140"/>
        <source>Ctrl+Shift+I: nhập tệp bưu gửi từ máy của nhân viên bưu chính</source>
        <translation>Ctrl+Shift+I: import a postal items file from the postal employee&apos;s device</translation>
    </message>
    <message>
        <location filename="../../ui/postal_transfer_boxes.py" line="141"/>
        <source>Kết quả và thông báo chờ gửi qua bưu chính (Enter: đưa vào lô gửi)</source>
        <translation>Results and notices waiting to go out by post (Enter: add to the batch)</translation>
    </message>
    <message>
        <location filename="../../ui/postal_transfer_boxes.py" line="157"/>
        <source>%1 và hồ sơ giấy · </source>
        <translation>%1 and the paper dossier · </translation>
    </message>
    <message>
        <location filename="../../ui/postal_transfer_boxes.py" line="159"/>
        <source> · còn phí chưa thu</source>
        <translation> · fee not collected yet</translation>
    </message>
    <message>
        <location filename="../../ui/postal_transfer_boxes.py" line="171"/>
        <source>Chọn tệp bưu gửi từ máy bưu chính</source>
        <translation>Choose the postal items file from the postal device</translation>
    </message>
    <message>
        <location filename="../../ui/postal_transfer_boxes.py" line="181"/>
        <source>Đã nhập %1 bưu gửi từ %2.</source>
        <translation>Imported %1 postal items from %2.</translation>
    </message>
    <message>
        <location filename="../../ui/postal_transfer_boxes.py" line="184"/>
        <source>%1 bưu gửi đã có từ trước, không nhập lại.</source>
        <translation>%1 postal items were already here and were not imported again.</translation>
    </message>
    <message>
        <location filename="../../ui/postal_transfer_boxes.py" line="191"/>
        <source>Chưa nhập được tệp bưu gửi</source>
        <translation>Could not import the postal items file</translation>
    </message>
</context>
<context>
    <name>DeviceAdmin</name>
    <message>
        <location filename="../../ui/device_admin.py" line="27"/>
        <source>Tên máy</source>
        <translation>Device name</translation>
    </message>
    <message>
        <location filename="../../ui/device_admin.py" line="28"/>
        <source>Dấu vân tay</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <location filename="../../ui/device_admin.py" line="29"/>
        <source>Đăng ký lúc</source>
        <translation>Registered at</translation>
    </message>
    <message>
        <location filename="../../ui/device_admin.py" line="30"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/device_admin.py" line="36"/>
        <location filename="../../ui/device_admin.py" line="117"/>
        <location filename="../../ui/device_admin.py" line="134"/>
        <source>Đăng ký máy bưu chính</source>
        <translation>Register a postal device</translation>
    </message>
    <message>
        <location filename="../../ui/device_admin.py" line="87"/>
        <source>Máy bưu chính được gửi tệp bưu gửi</source>
        <translation>Postal devices allowed to send item files</translation>
    </message>
    <message>
        <location filename="../../ui/device_admin.py" line="88"/>
        <source>Ctrl+N: đăng ký máy · Ctrl+D: thu hồi / đăng ký lại</source>
        <translation>Ctrl+N: register a device · Ctrl+D: revoke / register again</translation>
    </message>
    <message>
        <location filename="../../ui/device_admin.py" line="101"/>
        <source>đã thu hồi %1</source>
        <translation>revoked %1</translation>
    </message>
    <message>
        <location filename="../../ui/device_admin.py" line="102"/>
        <source>được nhận tệp</source>
        <translation>files accepted</translation>
    </message>
    <message>
        <location filename="../../ui/device_admin.py" line="115"/>
        <source>Đã đăng ký máy «%1» (%2).</source>
        <translation>Device “%1” registered (%2).</translation>
    </message>
    <message>
        <location filename="../../ui/device_admin.py" line="128"/>
        <source>Đã thu hồi đăng ký máy «%1»: tệp của máy này không được nhận nữa.</source>
        <translation>Device “%1” revoked: its files are no longer accepted.</translation>
    </message>
    <message>
        <location filename="../../ui/device_admin.py" line="130"/>
        <source>Thu hồi đăng ký</source>
        <translation>Revoke registration</translation>
    </message>
    <message>
        <location filename="../../ui/device_admin.py" line="133"/>
        <source>Đã đăng ký lại máy «%1».</source>
        <translation>Device “%1” registered again.</translation>
    </message>
</context>
<context>
    <name>DeviceTransferBox</name>
    <message>
        <location filename="../../ui/postal_transfer_boxes.py" line="62"/>
        <source>Ctrl+Shift+E: xuất các bưu gửi ra tệp để chuyển sang máy của Bộ phận Một cửa</source>
        <translation>Ctrl+Shift+E: export the postal items to a file for the one-stop desk&apos;s computer</translation>
    </message>
    <message>
        <location filename="../../ui/postal_transfer_boxes.py" line="68"/>
        <source>Phí phải hoàn trả cho công dân (Enter: đã hoàn trả)</source>
        <translation>Fees to refund to citizens (Enter: refunded)</translation>
    </message>
    <message>
        <location filename="../../ui/postal_transfer_boxes.py" line="81"/>
        <source>Dấu vân tay của máy này: %1 · khóa công khai: %2</source>
        <translation>This device&apos;s fingerprint: %1 · public key: %2</translation>
    </message>
    <message>
        <location filename="../../ui/postal_transfer_boxes.py" line="94"/>
        <source>Lưu tệp bưu gửi để chuyển sang Bộ phận Một cửa</source>
        <translation>Save the postal items file for the one-stop desk</translation>
    </message>
    <message>
        <location filename="../../ui/postal_transfer_boxes.py" line="104"/>
        <source>Đã xuất %1 bưu gửi ra tệp %2. Mã kiểm tra: %3.</source>
        <translation>Exported %1 postal items to %2. Check code: %3.</translation>
    </message>
    <message>
        <location filename="../../ui/postal_transfer_boxes.py" line="111"/>
        <source>Chưa xuất được tệp bưu gửi</source>
        <translation>Could not export the postal items file</translation>
    </message>
    <message>
        <location filename="../../ui/postal_transfer_boxes.py" line="118"/>
        <source>Đã ghi nhận hoàn trả %1 cho bưu gửi %2.</source>
        <translation>Recorded the refund of %1 for postal item %2.</translation>
    </message>
    <message>
        <location filename="../../ui/postal_transfer_boxes.py" line="125"/>
        <source>Chưa ghi nhận được hoàn trả</source>
        <translation>Could not record the refund</translation>
    </message>
</context>
<context>
    <name>DossierBook</name>
    <message>
        <location filename="../../ui/dossier_book.py" line="114"/>
        <source>Mã hồ sơ (quét mã QR trên giấy hẹn), số định danh, họ tên (có dấu hoặc không), nội dung giấy tờ… rồi Enter</source>
        <translation>Dossier code (scan the QR on the appointment slip), personal ID, name (with or without diacritics), words of the papers… then Enter</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="117"/>
        <source>Tìm &amp;hồ sơ:</source>
        <translation>Searc&amp;h dossiers:</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="121"/>
        <source>Ngày &amp;nhận từ</source>
        <translation>Received from (&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="126"/>
        <source>đến</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="129"/>
        <source>Mọi trạng thái</source>
        <translation>Any status</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="130"/>
        <source>Đang giải quyết (2, 4, 5, 6)</source>
        <translation>Being processed (2, 4, 5, 6)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="133"/>
        <source>&amp;Trạng thái:</source>
        <translation>S&amp;tatus:</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="136"/>
        <source>Mọi thủ tục</source>
        <translation>Any procedure</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="141"/>
        <source>Thủ tụ&amp;c:</source>
        <translation>Pro&amp;cedure:</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="178"/>
        <source>Enter: tìm · ↓: vào danh sách · Enter trên dòng: mở hồ sơ · Esc trong hồ sơ: quay lại danh sách</source>
        <translation>Enter: search · ↓: into the list · Enter on a row: open the dossier · Esc in the dossier: back to the list</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="224"/>
        <source>Hãy nhập mã hồ sơ, số định danh, họ tên, nội dung giấy tờ, hoặc chọn bộ lọc.</source>
        <translation>Enter a dossier code, personal ID, name or words of the papers, or choose a filter.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="234"/>
        <source>Đang tìm…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="246"/>
        <source>Không tìm được: %1</source>
        <translation>Search failed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="252"/>
        <source>Không tìm thấy hồ sơ nào.</source>
        <translation>No dossier found.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="253"/>
        <source>Tìm thấy %1 hồ sơ.</source>
        <translation>%1 dossier(s) found.</translation>
    </message>
</context>
<context>
    <name>DossierViewPanel</name>
    <message>
        <location filename="../../ui/dossier_view.py" line="166"/>
        <source>Chuyển xử lý</source>
        <translation>Forward for processing</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="167"/>
        <source>Nhận bổ sung</source>
        <translation>Receive supplement</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="168"/>
        <source>Yêu cầu bổ sung (Mẫu 02)</source>
        <translation>Request supplement (Form 02)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="169"/>
        <source>Xin lỗi, hẹn lại (Mẫu 04)</source>
        <translation>Apologise, new date (Form 04)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="170"/>
        <source>Dừng giải quyết</source>
        <translation>Stop processing</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="171"/>
        <source>Rút hồ sơ</source>
        <translation>Withdraw dossier</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="172"/>
        <source>Nhận kết quả</source>
        <translation>Receive result</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="173"/>
        <location filename="../../ui/dossier_view.py" line="361"/>
        <source>Trả kết quả</source>
        <translation>Return result</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="175"/>
        <source>Thao tác (một phím khi đang xem hồ sơ)</source>
        <translation>Actions (one key while the dossier is shown)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="181"/>
        <source>Phím %1</source>
        <translation>Key %1</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="190"/>
        <source>Không có thao tác nào ở trạng thái này.</source>
        <translation>No action is possible in this status.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="193"/>
        <source>Thời điểm</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="193"/>
        <source>Diễn biến</source>
        <translation>What happened</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="193"/>
        <source>Người thực hiện</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="209"/>
        <source>Space: xem trang cỡ lớn</source>
        <translation>Space: show the page large</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="210"/>
        <source>Trường</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="210"/>
        <source>Giá trị</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="210"/>
        <source>Nguồn</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="211"/>
        <source>Mục</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="211"/>
        <source>Nội dung</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="214"/>
        <source>Diễn biến (Alt+1)</source>
        <translation>Timeline (Alt+1)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="215"/>
        <source>Trang giấy tờ (Alt+2)</source>
        <translation>Pages (Alt+2)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="216"/>
        <source>Tờ khai điện tử (Alt+3)</source>
        <translation>E-form (Alt+3)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="217"/>
        <source>Phí, kết quả, đồng bộ (Alt+4)</source>
        <translation>Fees, results, sync (Alt+4)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="225"/>
        <source>In lại biểu mẫu (Enter / Ctrl+P)</source>
        <translation>Print a form again (Enter / Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="278"/>
        <source>Đang mở hồ sơ %1…</source>
        <translation>Opening dossier %1…</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="306"/>
        <source>Không mở được hồ sơ: %1</source>
        <translation>Could not open the dossier: %1</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="325"/>
        <source>Giấy hẹn (Mẫu 01): nhận %1, hẹn trả %2</source>
        <translation>Appointment slip (Form 01): received %1, return %2</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="326"/>
        <source>Chưa có giấy hẹn</source>
        <translation>No appointment slip yet</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="330"/>
        <source>ĐÀO TẠO</source>
        <translation>TRAINING</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="331"/>
        <source>Chủ hồ sơ: %1</source>
        <translation>Applicant: %1</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="333"/>
        <source>Thủ tục: %1</source>
        <translation>Procedure: %1</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="334"/>
        <source>Nhận: %1 — Hẹn trả: %2</source>
        <translation>Received: %1 — Due: %2</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="338"/>
        <source>Đã trả: %1</source>
        <translation>Returned: %1</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="355"/>
        <source>Phí, lệ phí</source>
        <translation>Fees and charges</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="355"/>
        <source>Không thu</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="357"/>
        <source>Còn phải thu</source>
        <translation>Still to collect</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="358"/>
        <source>Thu phí</source>
        <translation>Payment</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="359"/>
        <source>Kết quả</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="362"/>
        <source>chờ gửi</source>
        <translation>waiting to be sent</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="362"/>
        <source>đang gửi</source>
        <translation>sending</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="362"/>
        <source>tỉnh đã nhận</source>
        <translation>received by the province</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="363"/>
        <source>lỗi, sẽ gửi lại</source>
        <translation>failed, will be retried</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="363"/>
        <source>cần xử lý</source>
        <translation>needs attention</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="364"/>
        <source>Đồng bộ: %1</source>
        <translation>Sync: %1</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="382"/>
        <source>Thẻ căn cước</source>
        <translation>ID card</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="382"/>
        <source>Sổ công dân</source>
        <translation>Citizen registry</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="383"/>
        <source>Giấy tờ đã số hóa</source>
        <translation>Digitised document</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="383"/>
        <source>Tờ khai giấy</source>
        <translation>Paper declaration</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="384"/>
        <source>Suy ra</source>
        <translation>Derived</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="384"/>
        <source>Cấu hình</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="384"/>
        <source>Cán bộ nhập</source>
        <translation>Typed by the clerk</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="385"/>
        <source>Mặc định</source>
        <translation>Default</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="385"/>
        <source>Hồ sơ trước</source>
        <translation>Previous dossier</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="398"/>
        <source>tiếp nhận</source>
        <translation>intake</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="398"/>
        <source>bổ sung</source>
        <translation>supplement</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="398"/>
        <source>kết quả</source>
        <translation>result</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="399"/>
        <source>đơn rút</source>
        <translation>withdrawal request</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="399"/>
        <source>ủy quyền</source>
        <translation>authorisation</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="457"/>
        <source>Biểu mẫu «%1» chưa có trong phiên bản này.</source>
        <translation>The form «%1» is not available in this version.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="470"/>
        <source>Chưa lập được biểu mẫu</source>
        <translation>The form could not be made</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="512"/>
        <source>Đã chuyển hồ sơ cho cán bộ xử lý.</source>
        <translation>The dossier was forwarded to the processing officer.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="513"/>
        <source>Đã yêu cầu bổ sung; thời hạn giải quyết tạm dừng.</source>
        <translation>Supplement requested; the time limit is paused.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="514"/>
        <source>Đã nhận hồ sơ bổ sung; hẹn trả mới: %1.</source>
        <translation>Supplement received; new return date: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="515"/>
        <source>Đã lập phiếu xin lỗi và hẹn lại ngày trả kết quả.</source>
        <translation>Apology issued with a new return date.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="516"/>
        <source>Đã dừng giải quyết hồ sơ.</source>
        <translation>Processing of the dossier stopped.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="517"/>
        <source>Công dân đã rút hồ sơ.</source>
        <translation>The citizen withdrew the dossier.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="518"/>
        <source>Đã nhận kết quả giải quyết; có thể báo công dân đến nhận.</source>
        <translation>Result received; the citizen can be told to collect it.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="519"/>
        <source>Đã trả kết quả cho công dân.</source>
        <translation>Result returned to the citizen.</translation>
    </message>
</context>
<context>
    <name>DueList</name>
    <message>
        <location filename="../../ui/due_list.py" line="37"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/due_list.py" line="37"/>
        <source>Chủ hồ sơ</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/due_list.py" line="37"/>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/due_list.py" line="37"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/due_list.py" line="38"/>
        <source>Việc cần làm</source>
        <translation>What to do</translation>
    </message>
    <message>
        <location filename="../../ui/due_list.py" line="49"/>
        <source>↑/↓ chọn hồ sơ · Enter: mở hồ sơ để xin lỗi, đôn đốc hoặc nhận bổ sung</source>
        <translation>↑/↓ choose a dossier · Enter: open it to apologise, chase or receive the supplement</translation>
    </message>
    <message>
        <location filename="../../ui/due_list.py" line="61"/>
        <source>Không đọc được danh sách hạn xử lý: %1</source>
        <translation>Could not read the deadline list: %1</translation>
    </message>
    <message>
        <location filename="../../ui/due_list.py" line="67"/>
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../ui/due_list.py" line="68"/>
        <source>Đến hạn hôm nay</source>
        <translation>Due today</translation>
    </message>
    <message>
        <location filename="../../ui/due_list.py" line="69"/>
        <source>Đến hạn trong 01 ngày làm việc</source>
        <translation>Due within 1 working day</translation>
    </message>
    <message>
        <location filename="../../ui/due_list.py" line="70"/>
        <source>Chờ công dân bổ sung</source>
        <translation>Waiting for the citizen&apos;s supplement</translation>
    </message>
    <message>
        <location filename="../../ui/due_list.py" line="92"/>
        <source>Cập nhật lúc %1: %2 quá hạn, %3 đến hạn hôm nay, %4 sắp đến hạn, %5 chờ bổ sung.</source>
        <translation>Updated at %1: %2 overdue, %3 due today, %4 due soon, %5 waiting for a supplement.</translation>
    </message>
</context>
<context>
    <name>EformEditor</name>
    <message>
        <location filename="../../ui/eform_editor.py" line="100"/>
        <source>Enter: xác nhận trường vàng · Ctrl+Shift+Enter: xác nhận tất cả · F4 hoặc Alt+↓: giá trị khác · Tab: trường tiếp theo</source>
        <extracomment>Which schema source a displayed origin stands for (the dossier keeps the schema&apos;s source names).</extracomment>
        <translation>Enter: confirm a yellow field · Ctrl+Shift+Enter: confirm all · F4 or Alt+↓: other values · Tab: next field</translation>
    </message>
    <message>
        <location filename="../../ui/eform_editor.py" line="269"/>
        <source>Cán bộ nhập</source>
        <translation>Typed by the officer</translation>
    </message>
    <message>
        <location filename="../../ui/eform_editor.py" line="320"/>
        <source>Cán bộ chọn</source>
        <translation>Chosen by the officer</translation>
    </message>
    <message>
        <location filename="../../ui/eform_editor.py" line="432"/>
        <source>Bản nháp</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../ui/eform_editor.py" line="462"/>
        <source>Chưa xác nhận %1 giá trị tờ khai (tô vàng): %2. Đối chiếu với giấy tờ rồi nhấn Enter tại từng trường, hoặc Ctrl+Shift+Enter để xác nhận tất cả.</source>
        <translation>%1 declaration values (yellow) are not confirmed yet: %2. Check them against the papers and press Enter in each field, or Ctrl+Shift+Enter to confirm all.</translation>
    </message>
    <message>
        <location filename="../../ui/eform_editor.py" line="469"/>
        <source>Tờ khai có giá trị chưa đúng: %1</source>
        <translation>The declaration has invalid values: %1</translation>
    </message>
    <message>
        <location filename="../../ui/eform_editor.py" line="511"/>
        <source>cần xác nhận</source>
        <translation>to confirm</translation>
    </message>
    <message>
        <location filename="../../ui/eform_editor.py" line="513"/>
        <source>đã xác nhận</source>
        <translation>confirmed</translation>
    </message>
    <message>
        <location filename="../../ui/eform_editor.py" line="528"/>
        <source>%1 — %2/%3 trường có giá trị</source>
        <translation>%1 — %2/%3 fields filled</translation>
    </message>
    <message>
        <location filename="../../ui/eform_editor.py" line="532"/>
        <source>; %1 giá trị cần xác nhận</source>
        <translation>; %1 values to confirm</translation>
    </message>
    <message>
        <location filename="../../ui/eform_editor.py" line="535"/>
        <source>; %1 trường bắt buộc còn trống</source>
        <translation>; %1 required fields empty</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="230"/>
        <source>Thiết lập lần đầu — tạo quản trị viên</source>
        <translation>First-time setup — create the administrator</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="231"/>
        <source>Chưa có tài khoản nào. Hãy tạo tài khoản quản trị viên đầu tiên.</source>
        <translation>There are no accounts yet. Create the first administrator account.</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="244"/>
        <source>Họ và tên:</source>
        <translation>Full name:</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="245"/>
        <source>Tên đăng nhập:</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="246"/>
        <source>Mật khẩu (ít nhất %1 ký tự):</source>
        <translation>Password (at least %1 characters):</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="248"/>
        <source>Nhập lại mật khẩu:</source>
        <translation>Repeat the password:</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="249"/>
        <source>Hai lần nhập mật khẩu không khớp.</source>
        <translation>The two passwords do not match.</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../../ui/admin_list.py" line="51"/>
        <source>Lưu (Enter)</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/admin_list.py" line="52"/>
        <source>Huỷ (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
</context>
<context>
    <name>FormPrinting</name>
    <message>
        <location filename="../../ui/printing.py" line="90"/>
        <source>Xem trước bản in</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="104"/>
        <source>In… (Ctrl+P)</source>
        <translation>Print… (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="121"/>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="138"/>
        <source>In biểu mẫu</source>
        <translation>Print form</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="143"/>
        <source>Đã gửi %1 trang tới máy in.</source>
        <translation>Sent %1 pages to the printer.</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="163"/>
        <source>Đã in xong trên «%1» (lệnh in %2, khổ %3).</source>
        <translation>Printed on “%1” (job %2, paper %3).</translation>
    </message>
</context>
<context>
    <name>ForwardDialog</name>
    <message>
        <location filename="../../ui/action_dialogs.py" line="232"/>
        <source>Chuyển hồ sơ cho cán bộ xử lý</source>
        <translation>Forward the dossier to the processing officer</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="233"/>
        <source>Ghi chú:</source>
        <translation>Note:</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="234"/>
        <source>Không bắt buộc, ví dụ: chuyển Văn phòng - Thống kê</source>
        <translation>Optional, e.g. forwarded to the Office - Statistics</translation>
    </message>
</context>
<context>
    <name>HandoverScreen</name>
    <message>
        <location filename="../../ui/postal_workspace.py" line="406"/>
        <source>Bưu điện %1</source>
        <translation>%1 post office</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="408"/>
        <source>Quét số hiệu bưu gửi (S10), Enter</source>
        <translation>Scan the item number (S10), Enter</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="411"/>
        <source>Số hiệu</source>
        <translation>Item number</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="411"/>
        <source>Người gửi</source>
        <translation>Sender</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="411"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="411"/>
        <source>Trang</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="412"/>
        <source>Phí thu hộ</source>
        <translation>Fee collected</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="412"/>
        <source>Quyết định</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="420"/>
        <source>Ký biên bản giao nhận (Ctrl+Enter)</source>
        <translation>Sign the hand-over record (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="425"/>
        <source>Bên giao (nhân viên bưu chính)</source>
        <translation>Giver (postal employee)</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="427"/>
        <source>Họ và tên (*):</source>
        <translation>Full name (*):</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="428"/>
        <source>Số định danh / mã nhân viên (*):</source>
        <translation>Personal ID / staff number (*):</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="429"/>
        <source>Đơn vị:</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="430"/>
        <source>Bên nhận: %1 (%2)</source>
        <translation>Receiver: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="435"/>
        <source>A: tiếp nhận · B: chưa đầy đủ (Mẫu 02) · T: từ chối (Mẫu 03) · Del: bỏ</source>
        <translation>A: accept · B: incomplete (Form 02) · T: refuse (Form 03) · Del: remove</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="438"/>
        <source>Tiền phí, lệ phí bàn giao:</source>
        <translation>Fees handed over:</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="481"/>
        <source>Không nhận được bưu gửi</source>
        <translation>Could not take the item</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="486"/>
        <source>Bưu gửi %1 đã có trong danh sách.</source>
        <translation>Item %1 is already in the list.</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="489"/>
        <source>Bưu gửi %1 đã được bàn giao trước đây.</source>
        <translation>Item %1 was handed over before.</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="494"/>
        <source>Đã nhận bưu gửi %1: %2 trang.</source>
        <translation>Item %1 taken: %2 pages.</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="499"/>
        <source>Tiếp nhận (Mẫu 01)</source>
        <translation>Accept (Form 01)</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="499"/>
        <source>Chưa đầy đủ (Mẫu 02)</source>
        <translation>Incomplete (Form 02)</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="500"/>
        <source>Từ chối (Mẫu 03)</source>
        <translation>Refuse (Form 03)</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="516"/>
        <source>(theo các hồ sơ tiếp nhận: %1)</source>
        <translation>(by the accepted dossiers: %1)</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="541"/>
        <source>Giấy tờ:</source>
        <translation>Paper:</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="541"/>
        <source>Yêu cầu:</source>
        <translation>Requirement:</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="541"/>
        <source>Lý do:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="542"/>
        <source>Lý do từ chối:</source>
        <translation>Reason for refusal:</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="543"/>
        <source>Hồ sơ %1 chưa đầy đủ (Mẫu 02)</source>
        <translation>Dossier %1 incomplete (Form 02)</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="544"/>
        <source>Từ chối hồ sơ %1 (Mẫu 03)</source>
        <translation>Refuse dossier %1 (Form 03)</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="585"/>
        <source>Chưa ký được biên bản giao nhận</source>
        <translation>The hand-over record could not be signed</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="599"/>
        <source>Biên bản số %1: %2 hồ sơ, %3 tiếp nhận.</source>
        <translation>Record no. %1: %2 dossiers, %3 accepted.</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="604"/>
        <source>Biên bản giao nhận hồ sơ số %1</source>
        <translation>Dossier hand-over record no. %1</translation>
    </message>
</context>
<context>
    <name>IdentifyField</name>
    <message>
        <location filename="../../ui/identity_widgets.py" line="57"/>
        <source>Họ tên, số định danh — hoặc quét mã QR trên thẻ căn cước</source>
        <translation>Name, personal ID — or scan the QR code on the ID card</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <location filename="../../ui/idle_lock.py" line="219"/>
        <source>Mật khẩu không đúng.</source>
        <translation>Wrong password.</translation>
    </message>
    <message>
        <location filename="../../ui/idle_lock.py" line="227"/>
        <source>Hãy đăng xuất rồi đăng nhập lại.</source>
        <translation>Log out and sign in again.</translation>
    </message>
    <message>
        <location filename="../../ui/idle_lock.py" line="231"/>
        <source>Lỗi không mong muốn: %1</source>
        <translation>Unexpected error: %1</translation>
    </message>
</context>
<context>
    <name>IncompleteDialog</name>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="63"/>
        <source>Yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)</source>
        <translation>Request to supplement or complete the dossier (Form 02)</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="65"/>
        <source>Đánh dấu (phím cách) mọi thành phần còn thiếu hoặc chưa đúng, rồi ghi yêu cầu và lý do (Tab). Mẫu 02 liệt kê tất cả trong một lần.</source>
        <translation>Tick (Space) every missing or incorrect component, then type the requirement and the reason (Tab). Form 02 lists everything at once.</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="73"/>
        <source>Nộp bổ sung giấy tờ này</source>
        <translation>Hand in this document</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="74"/>
        <source>Chưa có trong hồ sơ</source>
        <translation>Not in the dossier</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="75"/>
        <source>Giấy tờ khác</source>
        <translation>Other document</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="75"/>
        <source>ghi rõ trong yêu cầu</source>
        <translation>specify in the requirement</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="77"/>
        <source>Ví dụ: bản sao có chứng thực</source>
        <translation>For example: a certified copy</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="79"/>
        <source>Ví dụ: chỉ có bản chụp</source>
        <translation>For example: only a photocopy</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="81"/>
        <source>Yêu cầu bổ sung, hoàn thiện:</source>
        <translation>Required supplement or correction:</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="82"/>
        <source>Lý do:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="83"/>
        <source>Lập Mẫu 02 (Enter)</source>
        <translation>Issue Form 02 (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="83"/>
        <source>Hủy (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="104"/>
        <source>đã nộp</source>
        <translation>handed in</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="105"/>
        <source>chưa nộp</source>
        <translation>not handed in</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="105"/>
        <source>không bắt buộc, chưa nộp</source>
        <translation>optional, not handed in</translation>
    </message>
</context>
<context>
    <name>IndicatorsDialog</name>
    <message>
        <location filename="../../ui/supervisor_indicators.py" line="72"/>
        <source>Chỉ số QĐ 766</source>
        <translation>QĐ 766 indicators</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_indicators.py" line="86"/>
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_indicators.py" line="88"/>
        <source>đến ngày</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_indicators.py" line="90"/>
        <source>(Enter: tính; Enter trên một chỉ số: các hồ sơ; Ctrl+S: lưu báo cáo)</source>
        <translation>(Enter: compute; Enter on an indicator: its dossiers; Ctrl+S: save the report)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_indicators.py" line="94"/>
        <source>Chỉ số</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_indicators.py" line="94"/>
        <source>Tỷ lệ</source>
        <translation>Rate</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_indicators.py" line="94"/>
        <source>Tử số / mẫu số</source>
        <translation>Numerator / denominator</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_indicators.py" line="95"/>
        <source>Cách tính</source>
        <translation>Formula</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_indicators.py" line="123"/>
        <location filename="../../ui/supervisor_indicators.py" line="142"/>
        <source>Lưu báo cáo</source>
        <translation>Save the report</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_indicators.py" line="124"/>
        <source>Bảng tính (*.xlsx);;PDF (*.pdf)</source>
        <translation>Spreadsheet (*.xlsx);;PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_indicators.py" line="139"/>
        <source>Báo cáo tình hình giải quyết hồ sơ từ %1 đến %2</source>
        <translation>Report on dossier handling from %1 to %2</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_indicators.py" line="183"/>
        <source>(Enter: các hồ sơ)</source>
        <translation>(Enter: the dossiers)</translation>
    </message>
</context>
<context>
    <name>LockOverlay</name>
    <message>
        <location filename="../../ui/idle_lock.py" line="82"/>
        <source>Màn hình đã khóa</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <location filename="../../ui/idle_lock.py" line="84"/>
        <source>Người đăng nhập: %1 (%2). Nhập mật khẩu để tiếp tục; hồ sơ đang nhập vẫn được giữ.</source>
        <translation>Signed in: %1 (%2). Enter the password to go on; the dossier being entered is kept.</translation>
    </message>
    <message>
        <location filename="../../ui/idle_lock.py" line="93"/>
        <source>Mở khóa</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../ui/idle_lock.py" line="95"/>
        <source>Đăng xuất</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../ui/idle_lock.py" line="116"/>
        <source>Hãy nhập mật khẩu để mở khóa.</source>
        <translation>Enter the password to unlock.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="127"/>
        <source>Đăng nhập — Bộ phận Một cửa</source>
        <translation>Sign in — One-stop desk</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="133"/>
        <source>Tên đăng nhập:</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="134"/>
        <source>Mật khẩu:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="136"/>
        <source>CHẾ ĐỘ ĐÀO TẠO — dữ liệu không gửi lên hệ thống của tỉnh</source>
        <translation>TRAINING MODE — nothing is sent to the provincial system</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="174"/>
        <source>Cần đổi mật khẩu trước khi làm việc.</source>
        <translation>You must change your password before you can work.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="93"/>
        <source>Bộ phận Một cửa — %1</source>
        <translation>One-stop desk — %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="136"/>
        <source>CHẾ ĐỘ ĐÀO TẠO (TRAINING) — hồ sơ chỉ gửi tới máy chủ thử nghiệm</source>
        <translation>TRAINING MODE — dossiers go to the sandbox server only</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="151"/>
        <source>Lịch nghỉ lễ cần cập nhật</source>
        <translation>Holiday calendar needs updating</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="165"/>
        <source>Đăng nhập: %1 (%2)</source>
        <translation>Signed in: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="167"/>
        <source>&amp;Phiên làm việc</source>
        <translation>&amp;Session</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="168"/>
        <source>Đăng xuất (Ctrl+Shift+Q)</source>
        <translation>Log out (Ctrl+Shift+Q)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="231"/>
        <source>Kho lưu trữ thiếu tệp</source>
        <translation>Files missing from the archive</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="232"/>
        <source>%1 tệp được hồ sơ tham chiếu không còn trong kho lưu trữ. Hãy báo quản trị viên.</source>
        <translation>%1 files referenced by dossiers are no longer in the archive. Please tell the administrator.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="238"/>
        <source>Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ %1 (Mẫu 02)</source>
        <translation>Request to supplement dossier %1 (Form 02)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="239"/>
        <source>Phiếu từ chối tiếp nhận hồ sơ %1 (Mẫu 03)</source>
        <translation>Refusal to receive dossier %1 (Form 03)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="274"/>
        <source>Quá hạn: %1 · Đến hạn trong 01 ngày làm việc: %2 (F7)</source>
        <translation>Overdue: %1 · Due within 1 working day: %2 (F7)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="286"/>
        <source>Có %1 hồ sơ quá hạn hoặc đến hạn trong 01 ngày làm việc (F7 để xem danh sách).</source>
        <translation>%1 dossiers are overdue or due within 1 working day (F7 shows the list).</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="290"/>
        <source>Cần lưu ý khi bắt đầu làm việc</source>
        <translation>Before you start</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="294"/>
        <source>Đã hiểu</source>
        <translation>Understood</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="298"/>
        <source>Xem danh sách (F7)</source>
        <translation>Show the list (F7)</translation>
    </message>
    <message>
        <location filename="../../ui/workspaces.py" line="106"/>
        <source>Tiếp nhận hồ sơ</source>
        <translation>Receive dossier</translation>
    </message>
    <message>
        <location filename="../../ui/workspaces.py" line="108"/>
        <source>Bưu chính công ích</source>
        <translation>Public postal service</translation>
    </message>
    <message>
        <location filename="../../ui/workspaces.py" line="110"/>
        <source>Đối soát cuối ngày</source>
        <translation>End-of-day reconciliation</translation>
    </message>
    <message>
        <location filename="../../ui/workspaces.py" line="112"/>
        <source>Hồ sơ hôm nay</source>
        <translation>Today&apos;s dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/workspaces.py" line="114"/>
        <source>Sổ hồ sơ</source>
        <translation>Dossier book</translation>
    </message>
    <message>
        <location filename="../../ui/workspaces.py" line="116"/>
        <source>Nhận hồ sơ từ bưu điện</source>
        <translation>Dossiers from the post office</translation>
    </message>
    <message>
        <location filename="../../ui/workspaces.py" line="118"/>
        <source>Hạn xử lý</source>
        <translation>Deadlines</translation>
    </message>
    <message>
        <location filename="../../ui/workspaces.py" line="120"/>
        <source>Nhật ký truy cập</source>
        <translation>Access log</translation>
    </message>
    <message>
        <location filename="../../ui/workspaces.py" line="122"/>
        <source>Tài khoản người dùng</source>
        <translation>User accounts</translation>
    </message>
    <message>
        <location filename="../../ui/workspaces.py" line="124"/>
        <source>Máy bưu chính</source>
        <translation>Postal devices</translation>
    </message>
</context>
<context>
    <name>OutsideHoursDialog</name>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="200"/>
        <source>Tiếp nhận ngoài giờ làm việc</source>
        <translation>Receiving outside office hours</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="204"/>
        <source>Lý do tiếp nhận ngoài giờ (bắt buộc)</source>
        <translation>Reason for receiving outside office hours (required)</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="205"/>
        <source>Tiếp nhận ngoài giờ</source>
        <translation>Receive outside hours</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="205"/>
        <source>Hủy (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="208"/>
        <source>Lý do:</source>
        <translation>Reason:</translation>
    </message>
</context>
<context>
    <name>PageCapture</name>
    <message>
        <location filename="../../ui/page_capture.py" line="45"/>
        <source>Trang giấy tờ (F8 quét, Ctrl+O thêm từ tệp)</source>
        <translation>Pages (F8 scan, Ctrl+O add from files)</translation>
    </message>
</context>
<context>
    <name>PageViewer</name>
    <message>
        <location filename="../../ui/dossier_view.py" line="116"/>
        <source>Trang %1/%2 — %3 — %4</source>
        <extracomment>action key → the one letter that opens it (shown on the button)</extracomment>
        <translation>Page %1/%2 — %3 — %4</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="119"/>
        <location filename="../../ui/page_viewer.py" line="48"/>
        <location filename="../../ui/page_viewer.py" line="103"/>
        <source>Đang mở trang…</source>
        <translation>Opening the page…</translation>
    </message>
    <message>
        <location filename="../../ui/page_viewer.py" line="53"/>
        <source>←/→ trang trước/sau · 1–9 gán thành phần, 0 bỏ gán · +/− phóng to/thu nhỏ, * vừa khung · Esc hoặc Space quay lại</source>
        <translation>←/→ previous/next page · 1–9 assign a component, 0 unassign · +/− zoom in/out, * fit · Esc or Space back</translation>
    </message>
    <message>
        <location filename="../../ui/page_viewer.py" line="152"/>
        <source>Trang %1/%2 — %3</source>
        <translation>Page %1/%2 — %3</translation>
    </message>
    <message>
        <location filename="../../ui/page_viewer.py" line="156"/>
        <source> — thành phần %1. %2</source>
        <translation> — component %1. %2</translation>
    </message>
    <message>
        <location filename="../../ui/page_viewer.py" line="158"/>
        <source> — chưa gán thành phần</source>
        <translation> — no component</translation>
    </message>
    <message>
        <location filename="../../ui/page_viewer.py" line="160"/>
        <source> — trang trắng</source>
        <translation> — blank page</translation>
    </message>
    <message>
        <location filename="../../ui/page_viewer.py" line="162"/>
        <source>Xem trang %1</source>
        <translation>Page %1</translation>
    </message>
</context>
<context>
    <name>PaymentBar</name>
    <message>
        <location filename="../../ui/receipt_preview.py" line="51"/>
        <source>Đang tải thông tin phí, lệ phí…</source>
        <translation>Loading fee information…</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="53"/>
        <source>Tiền mặt</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="54"/>
        <source>Chuyển khoản (VietQR)</source>
        <translation>Bank transfer (VietQR)</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="56"/>
        <source>Số tham chiếu trên sao kê (chuyển khoản)</source>
        <translation>Bank statement reference (transfer)</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="57"/>
        <source>Ghi nhận khoản thu</source>
        <translation>Record payment</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="58"/>
        <source>Xác nhận đã thu tiền</source>
        <translation>Confirm payment received</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="59"/>
        <source>In biên lai</source>
        <translation>Print fee receipt</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="119"/>
        <source>Hồ sơ không phải nộp phí, lệ phí.</source>
        <translation>No fee is due for this dossier.</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="122"/>
        <source>Phí, lệ phí %1: chưa ghi nhận khoản thu.</source>
        <translation>Fee %1: no payment recorded yet.</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="125"/>
        <source>Biên lai số %1: %2, đã thu (xác nhận bởi %3).</source>
        <translation>Receipt no. %1: %2, paid (confirmed by %3).</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="131"/>
        <source>Biên lai số %1: %2, chờ xác nhận đã thu tiền.</source>
        <translation>Receipt no. %1: %2, awaiting payment confirmation.</translation>
    </message>
</context>
<context>
    <name>PeriodDialog</name>
    <message>
        <location filename="../../ui/supervisor_day.py" line="131"/>
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="132"/>
        <source>đến ngày</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="134"/>
        <source>Xem sổ (Enter)</source>
        <translation>Show the book (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="135"/>
        <source>Huỷ (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
</context>
<context>
    <name>PostalWorkspace</name>
    <message>
        <location filename="../../ui/postal_workspace.py" line="133"/>
        <source>Quét mã vạch trên nhãn bưu gửi (ví dụ EB123456785VN)</source>
        <translation>Scan the barcode on the item label (e.g. EB123456785VN)</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="137"/>
        <source>Nhận kết quả qua bưu chính</source>
        <translation>Result delivered by post</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="139"/>
        <source>Địa chỉ nhận kết quả</source>
        <translation>Delivery address for the result</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="142"/>
        <source>Thu gom, in Phiếu gửi (Ctrl+Enter)</source>
        <translation>Collect, print the dispatch slip (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="147"/>
        <source>Số hiệu</source>
        <translation>Item number</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="147"/>
        <source>Thu gom lúc</source>
        <translation>Collected at</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="147"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="148"/>
        <source>Trang</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="148"/>
        <source>Phí thu hộ</source>
        <translation>Fee collected</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="148"/>
        <source>Cước</source>
        <translation>Postal charge</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="151"/>
        <source>Người gửi hồ sơ</source>
        <translation>Sender of the dossier</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="153"/>
        <source>Nhận diện công dân:</source>
        <translation>Identify the citizen:</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="154"/>
        <source>Chip CCCD:</source>
        <translation>Chip ID card:</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="155"/>
        <source>Họ và tên (*):</source>
        <translation>Full name (*):</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="156"/>
        <source>Số định danh cá nhân:</source>
        <translation>Personal ID number:</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="157"/>
        <source>Địa chỉ:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="158"/>
        <source>Số điện thoại:</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="159"/>
        <source>Bưu gửi</source>
        <translation>Postal item</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="161"/>
        <source>Số hiệu bưu gửi (S10):</source>
        <translation>Item number (S10):</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="162"/>
        <source>Phí, lệ phí thu hộ:</source>
        <translation>Fee collected for the agency:</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="163"/>
        <source>Cước dịch vụ bưu chính:</source>
        <translation>Postal charge:</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="165"/>
        <source>Địa chỉ nhận kết quả:</source>
        <translation>Delivery address:</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="168"/>
        <source>Thủ tục hành chính</source>
        <translation>Administrative procedure</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="170"/>
        <source>Thành phần hồ sơ (Space: đã kiểm đủ, Enter: tiếp)</source>
        <translation>Dossier papers (Space: checked, Enter: next)</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="182"/>
        <source>Bưu gửi đang chuyển</source>
        <translation>Items in transit</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="227"/>
        <source> (nếu có)</source>
        <translation> (if any)</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="244"/>
        <source>Đã đọc thẻ căn cước %1.</source>
        <translation>ID card %1 read.</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="267"/>
        <source>Hãy chọn thủ tục hành chính.</source>
        <translation>Choose the administrative procedure.</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="271"/>
        <source>Chưa kiểm đủ giấy tờ: %1. Hãy hướng dẫn công dân bổ sung trước khi gửi.</source>
        <translation>Papers not checked: %1. Help the citizen complete them before sending.</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="274"/>
        <source>Hãy quét giấy tờ (F8) hoặc thêm tệp ảnh (Ctrl+O).</source>
        <translation>Scan the papers (F8) or add image files (Ctrl+O).</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="276"/>
        <source>Máy quét đang chạy; hãy chờ quét xong.</source>
        <translation>The scanner is running; wait until it finishes.</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="278"/>
        <source>Hãy quét số hiệu bưu gửi trên nhãn.</source>
        <translation>Scan the item number on the label.</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="312"/>
        <source>Chưa thu gom được hồ sơ</source>
        <translation>The dossier could not be collected</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="324"/>
        <source>Đã ghi nhận bưu gửi %1 (đang chuyển).</source>
        <translation>Item %1 recorded (in transit).</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="328"/>
        <source>Phiếu gửi hồ sơ %1</source>
        <translation>Dossier dispatch slip %1</translation>
    </message>
</context>
<context>
    <name>PrefillReviewList</name>
    <message>
        <location filename="../../ui/identity_widgets.py" line="145"/>
        <source>Trường</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../ui/identity_widgets.py" line="145"/>
        <source>Giá trị</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../ui/identity_widgets.py" line="145"/>
        <source>Nguồn</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/identity_widgets.py" line="146"/>
        <source>Độ tin cậy</source>
        <translation>Confidence</translation>
    </message>
    <message>
        <location filename="../../ui/identity_widgets.py" line="169"/>
        <source>Giá trị khác:</source>
        <translation>Other values:</translation>
    </message>
</context>
<context>
    <name>ProcedurePicker</name>
    <message>
        <location filename="../../ui/reception_panel.py" line="99"/>
        <source>Tìm thủ tục theo tên hoặc mã (ví dụ: khai sinh, 2.000815)</source>
        <translation>Find a procedure by name or code (e.g. khai sinh, 2.000815)</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="167"/>
        <source>Chưa chọn thủ tục.</source>
        <translation>No procedure chosen.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="170"/>
        <source>Đã chọn: %1 — %2</source>
        <translation>Chosen: %1 — %2</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="237"/>
        <source>Alt+0: %1 (theo tiêu đề tờ khai đã quét)</source>
        <translation>Alt+0: %1 (from the scanned declaration&apos;s title)</translation>
    </message>
</context>
<context>
    <name>QPrintPreviewDialog</name>
    <message>
        <location filename="../../ui/printing.py" line="106"/>
        <source>Print</source>
        <translation>Print</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../ui/queue_monitor.py" line="37"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="37"/>
        <source>Việc</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="37"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="37"/>
        <source>Số lần gửi</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="38"/>
        <source>Thử lại lúc</source>
        <translation>Retry at</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="38"/>
        <source>Lỗi gần nhất</source>
        <translation>Last error</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="51"/>
        <source> (đã chuyển giám sát)</source>
        <translation> (escalated to supervisor)</translation>
    </message>
</context>
<context>
    <name>QueueMonitor</name>
    <message>
        <location filename="../../ui/queue_monitor.py" line="83"/>
        <source>Hàng đợi gửi lên hệ thống tỉnh</source>
        <translation>Upload queue to the provincial system</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="95"/>
        <source>Chưa xong (mọi trạng thái trừ đã nhận)</source>
        <translation>Unfinished (every state except acknowledged)</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="96"/>
        <source>Tất cả</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="100"/>
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="114"/>
        <source>Gửi ngay</source>
        <translation>Send now</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="116"/>
        <source>Ghi chú cho giám sát</source>
        <translation>Note for the supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="117"/>
        <source>Chuyển giám sát</source>
        <translation>Escalate to supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="124"/>
        <source>Chi tiết</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="130"/>
        <source>Đã xem các thông báo</source>
        <translation>Mark notifications as seen</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="132"/>
        <source>Thông báo từ tỉnh</source>
        <translation>Notifications from the province</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="139"/>
        <source>Hiển thị:</source>
        <translation>Show:</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="205"/>
        <source>Kết nối tỉnh: tốt</source>
        <translation>Provincial link: up</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="205"/>
        <source>Kết nối tỉnh: mất — sẽ tự gửi lại</source>
        <translation>Provincial link: down — will resend automatically</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="206"/>
        <source>Kết nối tỉnh: chưa thử</source>
        <translation>Provincial link: not tried yet</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="232"/>
        <source>Chọn một dòng để xem chi tiết.</source>
        <translation>Select a row to see its details.</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="235"/>
        <source>Hồ sơ: %1</source>
        <translation>Dossier: %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="236"/>
        <source>Việc: %1</source>
        <translation>Action: %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="237"/>
        <source>Trạng thái: %1</source>
        <translation>State: %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="238"/>
        <source>Số lần gửi: %1</source>
        <translation>Attempts: %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="239"/>
        <source>Tạo lúc: %1</source>
        <translation>Created at: %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="242"/>
        <source>Tỉnh xác nhận lúc: %1</source>
        <translation>Acknowledged by the province at: %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="244"/>
        <source>Tự gửi lại lúc: %1</source>
        <translation>Automatic retry at: %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="246"/>
        <source>Lỗi gần nhất: %1</source>
        <translation>Last error: %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="248"/>
        <source>Đã chuyển giám sát lúc %1: %2</source>
        <translation>Escalated to the supervisor at %1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="250"/>
        <source>Khóa chống trùng: %1</source>
        <translation>Idempotency key: %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="285"/>
        <source>Không thực hiện được: %1</source>
        <translation>Could not do it: %1</translation>
    </message>
</context>
<context>
    <name>ReceiptPreview</name>
    <message>
        <location filename="../../ui/receipt_preview.py" line="148"/>
        <source>Giấy tiếp nhận hồ sơ %1</source>
        <translation>Dossier receipt %1</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="169"/>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="170"/>
        <source>In ngay (Ctrl+P)</source>
        <translation>Print now (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="171"/>
        <source>In…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="172"/>
        <source>Xem trước bản in</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="182"/>
        <source>Tệp: %1</source>
        <translation>File: %1</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="210"/>
        <source>Đang in…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="211"/>
        <source>Giấy tiếp nhận %1</source>
        <translation>Receipt %1</translation>
    </message>
</context>
<context>
    <name>ReceptionDraft</name>
    <message>
        <location filename="../../ui/reception_draft.py" line="250"/>
        <source>Chưa lưu được bản nháp hồ sơ đang tiếp nhận (%1); thông tin vẫn còn trên màn hình.</source>
        <extracomment>The panel&apos;s text fields, by attribute name (also their key in the draft).</extracomment>
        <translation>Could not save the draft of the dossier being received (%1); everything is still on the screen.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_draft.py" line="301"/>
        <source>Đã khôi phục hồ sơ đang tiếp nhận dở (lưu lúc %1).</source>
        <translation>Restored the dossier being received (saved at %1).</translation>
    </message>
    <message>
        <location filename="../../ui/reception_draft.py" line="406"/>
        <source>Máy quét đang chạy; hãy dừng quét (Esc) trước khi nhận hồ sơ mới.</source>
        <translation>The scanner is running; stop it (Esc) before a new dossier.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_draft.py" line="415"/>
        <source>Hồ sơ mới</source>
        <translation>New dossier</translation>
    </message>
    <message>
        <location filename="../../ui/reception_draft.py" line="416"/>
        <source>Xóa toàn bộ thông tin đã nhập và các trang đã quét của hồ sơ đang tiếp nhận để nhận hồ sơ mới?</source>
        <translation>Clear everything typed and the pages scanned for the dossier being received, to take a new dossier?</translation>
    </message>
    <message>
        <location filename="../../ui/reception_draft.py" line="420"/>
        <source>Xóa và nhận hồ sơ mới</source>
        <translation>Clear and take a new dossier</translation>
    </message>
    <message>
        <location filename="../../ui/reception_draft.py" line="421"/>
        <source>Quay lại hồ sơ đang nhập</source>
        <translation>Back to the dossier being typed</translation>
    </message>
    <message>
        <location filename="../../ui/reception_draft.py" line="456"/>
        <source>Hồ sơ mới: hãy chọn thủ tục.</source>
        <translation>New dossier: choose the procedure.</translation>
    </message>
</context>
<context>
    <name>ReceptionPanel</name>
    <message>
        <location filename="../../ui/reception_panel.py" line="314"/>
        <source>Để trống nếu chủ hồ sơ tự nộp</source>
        <translation>Leave empty if the applicant submits in person</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="316"/>
        <source>Nhận kết quả qua bưu chính công ích</source>
        <translation>Result delivered through the public postal service</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="318"/>
        <source>Địa chỉ nhận kết quả qua bưu chính</source>
        <translation>Address for delivering the result by post</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="321"/>
        <source>Người nộp hồ sơ</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="323"/>
        <source>Nhận diện công dân:</source>
        <translation>Identify the citizen:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="324"/>
        <source>Chip CCCD:</source>
        <translation>Chip ID card:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="325"/>
        <source>Họ và tên chủ hồ sơ (*):</source>
        <translation>Applicant&apos;s full name (*):</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="326"/>
        <source>Số định danh cá nhân:</source>
        <translation>Personal ID number:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="327"/>
        <source>Địa chỉ:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="328"/>
        <source>Số điện thoại:</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="329"/>
        <source>Email:</source>
        <translation>Email:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="330"/>
        <source>Người nộp thay:</source>
        <translation>Submitted on behalf by:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="332"/>
        <source>Địa chỉ nhận kết quả:</source>
        <translation>Delivery address:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="350"/>
        <source>Thành phần hồ sơ</source>
        <translation>Dossier components</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="354"/>
        <source>Số trang bản chính:</source>
        <translation>Pages of the original:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="356"/>
        <source>Số bản sao:</source>
        <translation>Number of copies:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="375"/>
        <source>Trang đã số hóa (F8 quét, Ctrl+O thêm từ tệp)</source>
        <translation>Digitised pages (F8 scan, Ctrl+O add from files)</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="383"/>
        <source>Yêu cầu bổ sung (Ctrl+Shift+B)</source>
        <translation>Request supplement (Ctrl+Shift+B)</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="385"/>
        <source>Từ chối (Ctrl+Shift+T)</source>
        <translation>Refuse (Ctrl+Shift+T)</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="489"/>
        <source> — hẹn trả dự kiến %1</source>
        <translation> — expected return %1</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="518"/>
        <source>Đã đọc thẻ căn cước %1.</source>
        <translation>ID card %1 read.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="525"/>
        <source>Đã đọc chip CCCD %1.</source>
        <translation>Read the chip ID card %1.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="530"/>
        <source>Đọc thẻ căn cước</source>
        <translation>Read ID card</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="548"/>
        <source>Đã điền thông tin công dân %1 từ dữ liệu đã có.</source>
        <translation>Filled in citizen %1 from the data already held.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="552"/>
        <source>Có %1 công dân phù hợp: %2. Hãy nhập số định danh.</source>
        <translation>%1 citizens match: %2. Enter the personal ID number.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="556"/>
        <source>Không tìm thấy công dân; hãy nhập thông tin.</source>
        <translation>No citizen found; please enter the details.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="617"/>
        <source>Đã khôi phục %1 trang quét chưa được tiếp nhận.</source>
        <translation>Recovered %1 scanned page(s) not yet accepted.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="710"/>
        <source>Tờ khai đã quét là «%1»: Alt+0 để chọn.</source>
        <translation>The scanned declaration is «%1»: Alt+0 to choose it.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="743"/>
        <source>Đang lưu hồ sơ…</source>
        <translation>Saving the dossier…</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="771"/>
        <source>Đã lưu hồ sơ %1; đang lập biểu mẫu…</source>
        <translation>Dossier %1 saved; preparing the form…</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="781"/>
        <source>Hồ sơ %1 đã được lưu nhưng chưa lập được biểu mẫu. Nhấn lại phím tắt vừa dùng để lập lại (không tạo hồ sơ mới).</source>
        <translation>Dossier %1 is saved but its form could not be prepared. Press the same shortcut again to retry (no new dossier is created).</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="835"/>
        <source>Chưa lưu được hồ sơ</source>
        <translation>The dossier was not saved</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="387"/>
        <source>Tiếp nhận hồ sơ (Ctrl+Enter)</source>
        <translation>Accept dossier (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="338"/>
        <source>Tờ khai điện tử (điền sẵn — ô vàng cần xác nhận)</source>
        <translation>E-form (pre-filled — yellow fields need confirming)</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="398"/>
        <source>Thủ tục hành chính:</source>
        <translation>Administrative procedure:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="486"/>
        <source>Thời hạn giải quyết: %1</source>
        <translation>Time limit: %1</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="707"/>
        <source>Hãy chọn thủ tục hành chính trước.</source>
        <translation>Choose the administrative procedure first.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="714"/>
        <source>Máy quét đang chạy; hãy chờ quét xong (hoặc Esc để dừng).</source>
        <translation>The scanner is running; wait until it finishes (or press Esc to stop).</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="793"/>
        <source>Đã tiếp nhận hồ sơ %1, hẹn trả %2.</source>
        <translation>Dossier %1 accepted, result due %2.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="796"/>
        <source>Hồ sơ %1: đã lập phiếu yêu cầu bổ sung, hoàn thiện (Mẫu 02).</source>
        <translation>Dossier %1: request to supplement issued (Form 02).</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="798"/>
        <source>Hồ sơ %1: đã lập phiếu từ chối tiếp nhận (Mẫu 03).</source>
        <translation>Dossier %1: refusal to receive issued (Form 03).</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="800"/>
        <source> Lưu ý: %1 trường tờ khai chưa được xác nhận.</source>
        <translation> Note: %1 e-form fields were not confirmed.</translation>
    </message>
</context>
<context>
    <name>RefusalDialog</name>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="154"/>
        <source>Từ chối tiếp nhận hồ sơ (Mẫu 03)</source>
        <translation>Refuse to receive the dossier (Form 03)</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="156"/>
        <source>Lý do từ chối tiếp nhận</source>
        <translation>Reason for refusing</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="159"/>
        <source>Thủ tục hành chính không thuộc thẩm quyền giải quyết của cơ quan</source>
        <translation>The procedure is not within this agency&apos;s competence</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="160"/>
        <source>Hồ sơ đã được giải quyết hoặc đang được giải quyết theo quy định</source>
        <translation>The matter has been or is being handled already</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="161"/>
        <source>Người nộp không phải người có yêu cầu và không có giấy ủy quyền hợp lệ</source>
        <translation>The person submitting is not the applicant and has no valid authorisation</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="162"/>
        <source>Nội dung yêu cầu trái với quy định của pháp luật</source>
        <translation>The request is contrary to the law</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="168"/>
        <source>Lập Mẫu 03 (Enter)</source>
        <translation>Issue Form 03 (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="168"/>
        <source>Hủy (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="170"/>
        <source>Lý do (nhập, hoặc Tab rồi đánh dấu lý do thường gặp bằng phím cách):</source>
        <translation>Reason (type it, or Tab and tick a common reason with Space):</translation>
    </message>
</context>
<context>
    <name>RegisterDeviceDialog</name>
    <message>
        <location filename="../../ui/device_admin.py" line="42"/>
        <source>dán khóa công khai, hoặc Ctrl+O: lấy từ tệp bưu gửi</source>
        <translation>paste the public key, or Ctrl+O: take it from an item file</translation>
    </message>
    <message>
        <location filename="../../ui/device_admin.py" line="45"/>
        <source>Tôi đã so dấu vân tay này với màn hình của máy bưu chính</source>
        <translation>I compared this fingerprint with the postal device&apos;s screen</translation>
    </message>
    <message>
        <location filename="../../ui/device_admin.py" line="47"/>
        <source>Tên máy</source>
        <translation>Device name</translation>
    </message>
    <message>
        <location filename="../../ui/device_admin.py" line="48"/>
        <source>Khóa công khai</source>
        <translation>Public key</translation>
    </message>
    <message>
        <location filename="../../ui/device_admin.py" line="49"/>
        <source>Dấu vân tay</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <location filename="../../ui/device_admin.py" line="60"/>
        <source>Chọn tệp bưu gửi do máy bưu chính xuất</source>
        <translation>Choose an item file exported by the postal device</translation>
    </message>
    <message>
        <location filename="../../ui/device_admin.py" line="72"/>
        <source>Chưa lấy được khóa từ tệp</source>
        <translation>Could not take the key from the file</translation>
    </message>
    <message>
        <location filename="../../ui/device_admin.py" line="76"/>
        <source>Hãy đặt tên cho máy bưu chính.</source>
        <translation>Give the postal device a name.</translation>
    </message>
    <message>
        <location filename="../../ui/device_admin.py" line="78"/>
        <source>Khóa công khai chưa đúng: hãy dán cả dòng, hoặc lấy từ tệp bưu gửi (Ctrl+O).</source>
        <translation>The public key is not right: paste the whole line, or take it from an item file (Ctrl+O).</translation>
    </message>
    <message>
        <location filename="../../ui/device_admin.py" line="80"/>
        <source>Hãy so dấu vân tay với màn hình máy bưu chính rồi đánh dấu ô xác nhận.</source>
        <translation>Compare the fingerprint with the postal device&apos;s screen, then tick the confirmation box.</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <location filename="../../ui/user_admin.py" line="75"/>
        <source>Mật khẩu tạm thời cho «%1»; người dùng phải đổi khi đăng nhập.</source>
        <translation>Temporary password for «%1»; the user must change it at sign-in.</translation>
    </message>
    <message>
        <location filename="../../ui/user_admin.py" line="77"/>
        <source>Mật khẩu tạm thời</source>
        <translation>Temporary password</translation>
    </message>
    <message>
        <location filename="../../ui/user_admin.py" line="82"/>
        <source>Hãy nhập mật khẩu tạm thời.</source>
        <translation>Enter the temporary password.</translation>
    </message>
    <message>
        <location filename="../../ui/user_admin.py" line="84"/>
        <source>Hai lần nhập mật khẩu không khớp.</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>ResultDialog</name>
    <message>
        <location filename="../../ui/action_dialogs.py" line="463"/>
        <source>Nhận kết quả giải quyết (bản giấy)</source>
        <translation>Receive the result (on paper)</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="464"/>
        <source>Kết quả giấy được số hóa (F8 quét, Ctrl+O thêm từ tệp)</source>
        <translation>Paper result, digitised (F8 scan, Ctrl+O add from files)</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="465"/>
        <source>Giấy tờ kết quả (mỗi dòng một giấy) (*):</source>
        <translation>Result papers (one per line) (*):</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="466"/>
        <source>Ví dụ: Giấy khai sinh (bản chính)</source>
        <translation>E.g. Birth certificate (original)</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="473"/>
        <source>Hãy ghi tên giấy tờ kết quả.</source>
        <translation>Write the names of the result papers.</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <location filename="../../ui/dossier_book.py" line="49"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="49"/>
        <source>Chủ hồ sơ</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="49"/>
        <source>Số định danh</source>
        <translation>Personal ID</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="49"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="50"/>
        <source>Ngày nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="50"/>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="50"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="50"/>
        <source>Tìm thấy theo</source>
        <translation>Found by</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="51"/>
        <source>mã hồ sơ</source>
        <translation>dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="51"/>
        <source>số định danh</source>
        <translation>personal ID</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="51"/>
        <source>họ tên</source>
        <translation>name</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="52"/>
        <source>nội dung giấy tờ</source>
        <translation>page text</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="52"/>
        <source>bộ lọc</source>
        <translation>filter</translation>
    </message>
</context>
<context>
    <name>ResumeDialog</name>
    <message>
        <location filename="../../ui/action_dialogs.py" line="339"/>
        <source>Nhận hồ sơ bổ sung</source>
        <translation>Receive the supplement</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="340"/>
        <source>Giấy tờ công dân bổ sung (F8 quét, Ctrl+O thêm từ tệp)</source>
        <translation>Papers brought by the citizen (F8 scan, Ctrl+O add from files)</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="341"/>
        <source>Ghi chú:</source>
        <translation>Note:</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="343"/>
        <source>Thời hạn giải quyết tính lại từ lúc nhận đủ hồ sơ; công dân nhận giấy hẹn mới (Mẫu 01).</source>
        <translation>The time limit restarts from the moment the dossier is complete; the citizen gets a new appointment slip (Form 01).</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../../ui/action_dialogs.py" line="483"/>
        <source>Trả kết quả cho công dân</source>
        <translation>Return the result to the citizen</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="484"/>
        <source>Giấy ủy quyền (F8 quét, Ctrl+O thêm từ tệp)</source>
        <translation>Authorisation (F8 scan, Ctrl+O add from files)</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="487"/>
        <source>Kết quả: %1</source>
        <translation>Result: %1</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="489"/>
        <source>Họ tên người nhận (*):</source>
        <translation>Receiver&apos;s name (*):</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="490"/>
        <source>Số định danh người nhận (*):</source>
        <translation>Receiver&apos;s personal ID (*):</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="494"/>
        <source>Thu phí, lệ phí còn nợ: %1 (tiền mặt)</source>
        <translation>Collect the fee still due: %1 (cash)</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="497"/>
        <source>Người nhận không phải chủ hồ sơ: kiểm tra và quét giấy ủy quyền.</source>
        <translation>The receiver is not the applicant: check and scan the authorisation.</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="516"/>
        <source>Hãy nhập họ tên và số định danh của người nhận kết quả.</source>
        <translation>Enter the receiver&apos;s name and personal ID.</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <location filename="../../ui/user_admin.py" line="92"/>
        <source>Vai trò mới của «%1»</source>
        <translation>New role of «%1»</translation>
    </message>
</context>
<context>
    <name>ScanPanel</name>
    <message>
        <location filename="../../ui/scan_panel.py" line="177"/>
        <source>Quét (F8)</source>
        <translation>Scan (F8)</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="178"/>
        <source>Dừng (Esc)</source>
        <translation>Stop (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="179"/>
        <source>Thêm từ tệp (Insert)</source>
        <translation>Add from file (Insert)</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="180"/>
        <source>Quét lại trang (F9)</source>
        <translation>Rescan page (F9)</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="186"/>
        <source>R xoay · B trang trắng · Del xóa · Ctrl+↑/↓ đổi thứ tự · 1–9 thành phần · Space xem lớn</source>
        <translation>R rotate · B blank page · Del delete · Ctrl+↑/↓ reorder · 1–9 component · Space large view</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="349"/>
        <source>Chưa chọn thủ tục: chưa có thành phần hồ sơ để gán trang.</source>
        <translation>No procedure chosen: no dossier components to assign pages to.</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="351"/>
        <source>Thủ tục này chỉ có %1 thành phần hồ sơ.</source>
        <translation>This procedure has only %1 dossier components.</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="363"/>
        <source>Trang %1 → %2. %3</source>
        <translation>Page %1 → %2. %3</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="399"/>
        <source>Chưa chọn máy quét; hãy cấu hình thiết bị quét.</source>
        <translation>No scanner chosen; please configure the scanning device.</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="424"/>
        <source>Đang quét…</source>
        <translation>Scanning…</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="435"/>
        <source>Đang tìm máy quét…</source>
        <translation>Looking for scanners…</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="438"/>
        <source>Tìm thấy %1 thiết bị</source>
        <translation>%1 device(s) found</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="465"/>
        <source>Đã quét %1 trang</source>
        <translation>%1 page(s) scanned</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="478"/>
        <source>Xong lượt quét: %1 trang; tổng %2 trang.</source>
        <translation>Batch done: %1 page(s); %2 in total.</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="487"/>
        <source>Thêm trang từ tệp</source>
        <translation>Add pages from files</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="488"/>
        <source>Ảnh hoặc PDF (*.jpg *.jpeg *.png *.tif *.tiff *.pdf *.bmp);;Tất cả (*)</source>
        <translation>Images or PDF (*.jpg *.jpeg *.png *.tif *.tiff *.pdf *.bmp);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="642"/>
        <source>Trang %1</source>
        <translation>Page %1</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="644"/>
        <source> · trắng</source>
        <translation> · blank</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="654"/>
        <source> (gán tự động theo tiêu đề trang)</source>
        <translation> (assigned automatically from the page title)</translation>
    </message>
</context>
<context>
    <name>SendResultsBox</name>
    <message>
        <location filename="../../ui/postal_workspace.py" line="689"/>
        <source>Mã hồ sơ (quét mã QR trên giấy hẹn)</source>
        <translation>Dossier code (scan the QR on the appointment slip)</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="691"/>
        <source>Số hiệu bưu gửi trả kết quả</source>
        <translation>Item number of the returned result</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="694"/>
        <source>Mã hồ sơ:</source>
        <translation>Dossier code:</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="695"/>
        <source>Số hiệu (S10):</source>
        <translation>Item number (S10):</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="697"/>
        <source>Ctrl+Shift+G: giao kết quả cho nhân viên bưu chính · Ctrl+Shift+U: kết quả bưu chính chuyển hoàn (số hiệu S10)</source>
        <translation>Ctrl+Shift+G: hand the results to the postal employee · Ctrl+Shift+U: result returned by the post (S10)</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="720"/>
        <source>Kết quả hồ sơ %1 đã về Bộ phận Một cửa; công dân nhận tại quầy.</source>
        <translation>The result of dossier %1 is back at the desk; the citizen collects it at the counter.</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="726"/>
        <source>Chưa ghi nhận được</source>
        <translation>Could not be recorded</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="735"/>
        <source>Đã giao %1 kết quả cho bưu chính (lô %2).</source>
        <translation>%1 results handed to the post (batch %2).</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="743"/>
        <source>Chưa giao được kết quả</source>
        <translation>The results could not be handed over</translation>
    </message>
</context>
<context>
    <name>SingleInstance</name>
    <message>
        <location filename="../../ui/single_instance.py" line="154"/>
        <source>Không mở được thư mục dữ liệu «%1»: %2</source>
        <translation>Cannot open the data folder «%1»: %2</translation>
    </message>
    <message>
        <location filename="../../ui/single_instance.py" line="165"/>
        <source>Không tạo được tệp khóa trong thư mục dữ liệu «%1» (không có quyền ghi?). Hãy kiểm tra quyền của thư mục rồi mở lại chương trình.</source>
        <translation>Cannot create the lock file in the data folder «%1» (no write permission?). Check the folder&apos;s permissions, then open the program again.</translation>
    </message>
    <message>
        <location filename="../../ui/single_instance.py" line="174"/>
        <source>tiến trình %1 trên máy %2</source>
        <translation>process %1 on computer %2</translation>
    </message>
    <message>
        <location filename="../../ui/single_instance.py" line="177"/>
        <source>một chương trình khác</source>
        <translation>another program</translation>
    </message>
    <message>
        <location filename="../../ui/single_instance.py" line="179"/>
        <source>Thư mục dữ liệu đang được dùng ở máy khác; mỗi thư mục dữ liệu chỉ mở ở một máy.</source>
        <translation>The data folder is in use on another computer; each data folder is opened on one computer only.</translation>
    </message>
    <message>
        <location filename="../../ui/single_instance.py" line="182"/>
        <source>Chương trình đó không trả lời: hãy chuyển sang cửa sổ của nó, hoặc đóng nó (nếu bị treo, khởi động lại máy) rồi mở lại.</source>
        <translation>That program does not answer: switch to its window, or close it (if it hangs, restart the computer), then open again.</translation>
    </message>
    <message>
        <location filename="../../ui/single_instance.py" line="185"/>
        <source>Chương trình Bộ phận Một cửa đang chạy với thư mục dữ liệu «%1» (%2). %3</source>
        <translation>The one-stop desk program is running with the data folder «%1» (%2). %3</translation>
    </message>
    <message>
        <location filename="../../ui/single_instance.py" line="270"/>
        <source>Không khởi động được</source>
        <translation>Cannot start</translation>
    </message>
</context>
<context>
    <name>StopDialog</name>
    <message>
        <location filename="../../ui/action_dialogs.py" line="432"/>
        <source>Thông báo dừng giải quyết hồ sơ</source>
        <translation>Notice of stopping the processing</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="433"/>
        <source>Lý do (mỗi dòng một lý do) (*):</source>
        <translation>Reasons (one per line) (*):</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="439"/>
        <source>Hãy nêu lý do dừng giải quyết.</source>
        <translation>Give the reason for stopping.</translation>
    </message>
</context>
<context>
    <name>SupervisorDay</name>
    <message>
        <location filename="../../ui/supervisor_day.py" line="169"/>
        <source>Ngày đối soát:</source>
        <extracomment>emitted after each report is shown (tests and the main window follow it)</extracomment>
        <translation>Day to reconcile:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="176"/>
        <source>Đối soát (Enter, F5)</source>
        <translation>Reconcile (Enter, F5)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="177"/>
        <source>Kiểm đếm tiền mặt (Ctrl+M)</source>
        <translation>Cash count (Ctrl+M)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="178"/>
        <source>Giải trình (E)</source>
        <translation>Explain (E)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="179"/>
        <source>Khoá sổ ngày (Ctrl+K)</source>
        <translation>Close the day (Ctrl+K)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="180"/>
        <source>Mở lại ngày (Ctrl+Shift+R)</source>
        <translation>Reopen the day (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="181"/>
        <source>Chỉ số QĐ 766 (Ctrl+I)</source>
        <translation>QĐ 766 indicators (Ctrl+I)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="182"/>
        <source>Khóa sổ năm (Ctrl+Shift+Y)</source>
        <translation>Close the year&apos;s book (Ctrl+Shift+Y)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="194"/>
        <source>Mục / vấn đề</source>
        <translation>Section / problem</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="194"/>
        <location filename="../../ui/supervisor_day.py" line="338"/>
        <source>Giải trình</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="257"/>
        <source>Ngày chưa khoá sổ: %1</source>
        <translation>Days not closed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="276"/>
        <source>ĐÃ KHOÁ SỔ</source>
        <translation>CLOSED</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="276"/>
        <source>chưa khoá sổ</source>
        <translation>not closed</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="279"/>
        <source>Ngày %1 (%2): %3 hồ sơ, %4 trang; tiền mặt đã thu %5, kiểm đếm %6; %7 vấn đề, %8 chưa giải trình.</source>
        <translation>Day %1 (%2): %3 dossiers, %4 pages; cash collected %5, counted %6; %7 problems, %8 not explained.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="287"/>
        <source>bỏ trống: %1</source>
        <translation>gaps: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="290"/>
        <source>biên lai %1, huỷ %2, chờ %3</source>
        <translation>receipts %1, cancelled %2, pending %3</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="301"/>
        <source>%1 vấn đề, %2 chưa giải trình</source>
        <translation>%1 problems, %2 not explained</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="309"/>
        <source>CHƯA GIẢI TRÌNH</source>
        <translation>NOT EXPLAINED</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="338"/>
        <source>Lời giải trình (lưu vào biên bản đối soát):</source>
        <translation>Explanation (kept in the reconciliation report):</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="397"/>
        <source>Biên bản đối soát ngày %1</source>
        <translation>Reconciliation report of %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="409"/>
        <source>Mở lại ngày đã khoá sổ</source>
        <translation>Reopen a closed day</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="409"/>
        <source>Lý do mở lại (ghi vào nhật ký):</source>
        <translation>Reason for reopening (recorded in the audit log):</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="441"/>
        <source>Sổ theo dõi hồ sơ</source>
        <translation>Dossier tracking book</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="462"/>
        <source>Khóa sổ theo dõi hồ sơ cả năm</source>
        <translation>Close the year&apos;s tracking book</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="463"/>
        <source>Năm của sổ (sau khi khóa không ghi thêm, không sửa được):</source>
        <translation>Year of the book (once closed, nothing can be added or changed):</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="473"/>
        <source>Năm phải gồm 4 chữ số, ví dụ %1.</source>
        <translation>The year must have 4 digits, e.g. %1.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="489"/>
        <source>Sổ theo dõi hồ sơ %1</source>
        <translation>Dossier tracking book %1</translation>
    </message>
</context>
<context>
    <name>SupplementDialog</name>
    <message>
        <location filename="../../ui/action_dialogs.py" line="315"/>
        <source>Yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)</source>
        <translation>Request to supplement the dossier (Form 02)</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="316"/>
        <source>Liệt kê MỘT LẦN tất cả giấy tờ cần bổ sung. F2 sửa ô, Tab sang ô sau, Ctrl+N thêm dòng, Ctrl+Del xóa dòng.</source>
        <translation>List ALL the missing papers AT ONCE. F2 edits a cell, Tab moves on, Ctrl+N adds a row, Ctrl+Del removes one.</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="323"/>
        <source>Ghi chú:</source>
        <translation>Note:</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="330"/>
        <source>Hãy ghi ít nhất một giấy tờ cần bổ sung (thành phần hoặc nội dung).</source>
        <translation>Write at least one paper to supplement (component or what is required).</translation>
    </message>
</context>
<context>
    <name>TextDialog</name>
    <message>
        <location filename="../../ui/supervisor_day.py" line="69"/>
        <source>Lưu (Enter)</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="70"/>
        <source>Huỷ (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
</context>
<context>
    <name>TodayModel</name>
    <message>
        <location filename="../../ui/today_list.py" line="19"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/today_list.py" line="19"/>
        <source>Giờ nhận</source>
        <translation>Received at</translation>
    </message>
    <message>
        <location filename="../../ui/today_list.py" line="19"/>
        <source>Chủ hồ sơ</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/today_list.py" line="19"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/today_list.py" line="20"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/today_list.py" line="20"/>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
</context>
<context>
    <name>UserAdmin</name>
    <message>
        <location filename="../../ui/user_admin.py" line="21"/>
        <source>Tên đăng nhập</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../ui/user_admin.py" line="22"/>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../ui/user_admin.py" line="23"/>
        <source>Vai trò</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../ui/user_admin.py" line="24"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/user_admin.py" line="25"/>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/user_admin.py" line="49"/>
        <location filename="../../ui/user_admin.py" line="134"/>
        <source>Tạo tài khoản</source>
        <translation>Create account</translation>
    </message>
    <message>
        <location filename="../../ui/user_admin.py" line="73"/>
        <location filename="../../ui/user_admin.py" line="162"/>
        <source>Đặt lại mật khẩu</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <location filename="../../ui/user_admin.py" line="89"/>
        <location filename="../../ui/user_admin.py" line="179"/>
        <source>Đổi vai trò</source>
        <translation>Change role</translation>
    </message>
    <message>
        <location filename="../../ui/user_admin.py" line="100"/>
        <source>Tài khoản người dùng</source>
        <translation>User accounts</translation>
    </message>
    <message>
        <location filename="../../ui/user_admin.py" line="101"/>
        <source>Ctrl+N: tạo · Ctrl+D: khóa / mở lại · Ctrl+R: đặt lại mật khẩu · Ctrl+L: đổi vai trò</source>
        <translation>Ctrl+N: create · Ctrl+D: disable / enable · Ctrl+R: reset password · Ctrl+L: change role</translation>
    </message>
    <message>
        <location filename="../../ui/user_admin.py" line="119"/>
        <source>đang dùng</source>
        <translation>active</translation>
    </message>
    <message>
        <location filename="../../ui/user_admin.py" line="119"/>
        <source>đã khóa</source>
        <translation>disabled</translation>
    </message>
    <message>
        <location filename="../../ui/user_admin.py" line="120"/>
        <source>phải đổi</source>
        <translation>must change</translation>
    </message>
    <message>
        <location filename="../../ui/user_admin.py" line="133"/>
        <source>Đã tạo tài khoản «%1».</source>
        <translation>Created the account «%1».</translation>
    </message>
    <message>
        <location filename="../../ui/user_admin.py" line="146"/>
        <source>Đã mở lại tài khoản «%1».</source>
        <translation>Enabled the account «%1» again.</translation>
    </message>
    <message>
        <location filename="../../ui/user_admin.py" line="147"/>
        <source>Đã khóa tài khoản «%1».</source>
        <translation>Disabled the account «%1».</translation>
    </message>
    <message>
        <location filename="../../ui/user_admin.py" line="148"/>
        <source>Khóa tài khoản</source>
        <translation>Disable account</translation>
    </message>
    <message>
        <location filename="../../ui/user_admin.py" line="161"/>
        <source>Đã đặt lại mật khẩu của «%1».</source>
        <translation>Reset the password of «%1».</translation>
    </message>
    <message>
        <location filename="../../ui/user_admin.py" line="177"/>
        <source>«%1» nay có vai trò %2.</source>
        <translation>«%1» now has the role %2.</translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <location filename="../../ui/action_dialogs.py" line="448"/>
        <source>Công dân rút hồ sơ</source>
        <translation>The citizen withdraws the dossier</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="449"/>
        <source>Đơn đề nghị rút hồ sơ có chữ ký của công dân (F8 quét, Ctrl+O thêm từ tệp)</source>
        <translation>The citizen&apos;s signed withdrawal request (F8 scan, Ctrl+O add from files)</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="450"/>
        <source>Lý do:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="450"/>
        <source>Công dân đề nghị rút hồ sơ</source>
        <translation>The citizen asks to withdraw the dossier</translation>
    </message>
</context>
<context>
    <name>_CaptureDialog</name>
    <message>
        <location filename="../../ui/action_dialogs.py" line="209"/>
        <source>Máy quét đang chạy; hãy chờ quét xong (Esc trong danh sách trang để dừng).</source>
        <translation>The scanner is running; wait until it finishes (Esc in the page list stops it).</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="212"/>
        <source>Hãy quét (F8) hoặc thêm tệp (Ctrl+O) các trang giấy tờ trước.</source>
        <translation>Scan (F8) or add files (Ctrl+O) with the pages first.</translation>
    </message>
</context>
<context>
    <name>_FormDialog</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="55"/>
        <source>Đồng ý</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="56"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="99"/>
        <source>Hãy nhập «%1».</source>
        <translation>Enter «%1».</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="100"/>
        <source>Hãy điền đủ các ô.</source>
        <translation>Fill in every field.</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="120"/>
        <source>Lỗi không mong muốn: %1</source>
        <translation>Unexpected error: %1</translation>
    </message>
</context>
<context>
    <name>_Texts</name>
    <message>
        <location filename="../../ui/operations.py" line="45"/>
        <source>Chưa thực hiện được</source>
        <extracomment>codes of the dossiers that changed (an empty list: &quot;something changed, reload&quot;)</extracomment>
        <translation>Not done</translation>
    </message>
    <message>
        <location filename="../../ui/operations.py" line="48"/>
        <source>Đã hiểu</source>
        <translation>Understood</translation>
    </message>
    <message>
        <location filename="../../ui/operations.py" line="51"/>
        <source>Lỗi không mong muốn: %1. Những gì đã nhập vẫn còn nguyên; hãy thử lại, nếu lỗi lặp lại hãy báo quản trị viên.</source>
        <translation>Unexpected error: %1. Nothing you typed was lost; try again, and tell the administrator if it happens again.</translation>
    </message>
</context>
<context>
    <name>dialog</name>
    <message>
        <location filename="../../ui/user_admin.py" line="43"/>
        <source>Nhập lại mật khẩu</source>
        <translation>Repeat the password</translation>
    </message>
</context>
<context>
    <name>screen</name>
    <message>
        <location filename="../../ui/postal_workspace.py" line="684"/>
        <source>Gửi kết quả qua bưu chính</source>
        <translation>Send results by post</translation>
    </message>
    <message>
        <location filename="../../ui/postal_transfer_boxes.py" line="134"/>
        <source>Tệp từ máy bưu chính · kết quả chờ gửi</source>
        <translation>File from the postal device · results waiting to go out</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../ui/sync_integration.py" line="125"/>
        <source>Đồng bộ với tỉnh (F6)</source>
        <translation>Provincial sync (F6)</translation>
    </message>
</context>
<context>
    <name>workspace</name>
    <message>
        <location filename="../../ui/postal_workspace.py" line="621"/>
        <source>Phát kết quả qua bưu chính</source>
        <translation>Deliver results by post</translation>
    </message>
    <message>
        <location filename="../../ui/postal_transfer_boxes.py" line="56"/>
        <source>Chuyển sang Bộ phận Một cửa · hoàn phí</source>
        <translation>Transfer to the one-stop desk · fee refunds</translation>
    </message>
</context>
</TS>
