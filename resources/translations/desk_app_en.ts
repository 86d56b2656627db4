<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="95"/>
        <source>Thiết lập lần đầu — tạo quản trị viên</source>
        <translation>First-time setup — create the administrator</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="96"/>
        <source>Chưa có tài khoản nào. Hãy tạo tài khoản quản trị viên đầu tiên.</source>
        <translation>There are no accounts yet. Create the first administrator account.</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="109"/>
        <source>Họ và tên:</source>
        <translation>Full name:</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="110"/>
        <source>Tên đăng nhập:</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="111"/>
        <source>Mật khẩu (ít nhất 8 ký tự):</source>
        <translation>Password (at least 8 characters):</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="112"/>
        <source>Nhập lại mật khẩu:</source>
        <translation>Repeat the password:</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="113"/>
        <source>Hai lần nhập mật khẩu không khớp.</source>
        <translation>The two passwords do not match.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="73"/>
        <source>Đăng nhập — Bộ phận Một cửa</source>
        <translation>Sign in — One-stop desk</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="79"/>
        <source>Tên đăng nhập:</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="80"/>
        <source>Mật khẩu:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="82"/>
        <source>CHẾ ĐỘ ĐÀO TẠO — dữ liệu không gửi lên hệ thống của tỉnh</source>
        <translation>TRAINING MODE — nothing is sent to the provincial system</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="27"/>
        <source>Bộ phận Một cửa — %1</source>
        <translation>One-stop desk — %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="32"/>
        <source>Tiếp nhận hồ sơ (F2)</source>
        <translation>Receive dossier (F2)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="33"/>
        <source>Hồ sơ hôm nay (F3)</source>
        <translation>Today&apos;s dossiers (F3)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="39"/>
        <source>CHẾ ĐỘ ĐÀO TẠO (TRAINING) — hồ sơ chỉ gửi tới máy chủ thử nghiệm</source>
        <translation>TRAINING MODE — dossiers go to the sandbox server only</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="52"/>
        <source>Đăng nhập: %1 (%2)</source>
        <translation>Signed in: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="64"/>
        <source>Kho lưu trữ thiếu tệp</source>
        <translation>Files missing from the archive</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="65"/>
        <source>%1 tệp được hồ sơ tham chiếu không còn trong kho lưu trữ. Hãy báo quản trị viên.</source>
        <translation>%1 files referenced by dossiers are no longer in the archive. Please tell the administrator.</translation>
    </message>
</context>
<context>
    <name>ProcedurePicker</name>
    <message>
        <location filename="../../ui/reception_panel.py" line="76"/>
        <source>Tìm thủ tục theo tên hoặc mã (ví dụ: khai sinh, 2.000815)</source>
        <translation>Find a procedure by name or code (e.g. khai sinh, 2.000815)</translation>
    </message>
</context>
<context>
    <name>ReceiptPreview</name>
    <message>
        <location filename="../../ui/receipt_preview.py" line="17"/>
        <source>Giấy tiếp nhận hồ sơ %1</source>
        <translation>Dossier receipt %1</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="27"/>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="29"/>
        <source>Tệp: %1</source>
        <translation>File: %1</translation>
    </message>
</context>
<context>
    <name>ReceptionPanel</name>
    <message>
        <location filename="../../ui/reception_panel.py" line="150"/>
        <source>Để trống nếu chủ hồ sơ tự nộp</source>
        <translation>Leave empty if the applicant submits in person</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="151"/>
        <source>Người nộp hồ sơ</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="153"/>
        <source>Họ và tên chủ hồ sơ (*):</source>
        <translation>Applicant&apos;s full name (*):</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="154"/>
        <source>Số định danh cá nhân:</source>
        <translation>Personal ID number:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="155"/>
        <source>Địa chỉ:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="156"/>
        <source>Số điện thoại:</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="157"/>
        <source>Email:</source>
        <translation>Email:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="158"/>
        <source>Người nộp thay:</source>
        <translation>Submitted on behalf by:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="166"/>
        <source>Thành phần hồ sơ</source>
        <translation>Dossier components</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="170"/>
        <source>Số trang bản chính:</source>
        <translation>Pages of the original:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="172"/>
        <source>Số bản sao:</source>
        <translation>Number of copies:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="181"/>
        <source>Thêm trang từ tệp… (Ctrl+O)</source>
        <translation>Add pages from files… (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="186"/>
        <source>Trang đã số hóa</source>
        <translation>Digitised pages</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="195"/>
        <source>Tiếp nhận hồ sơ (Ctrl+Enter)</source>
        <translation>Accept dossier (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="201"/>
        <source>Thủ tục hành chính:</source>
        <translation>Administrative procedure:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="239"/>
        <source>Thời hạn giải quyết: %1</source>
        <translation>Time limit: %1</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="244"/>
        <source>Chọn ảnh trang hồ sơ</source>
        <translation>Choose page images</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="245"/>
        <source>Ảnh trang (*.jpg *.jpeg *.png *.tif *.tiff *.bmp)</source>
        <translation>Page images (*.jpg *.jpeg *.png *.tif *.tiff *.bmp)</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="251"/>
        <source>Đang lưu %1 tệp…</source>
        <translation>Saving %1 files…</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="267"/>
        <source>Đã thêm %1 trang.</source>
        <translation>Added %1 pages.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="278"/>
        <source>Trang %1</source>
        <translation>Page %1</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="306"/>
        <source>Hãy chọn thủ tục hành chính trước.</source>
        <translation>Choose the administrative procedure first.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="310"/>
        <source>Đang tiếp nhận hồ sơ…</source>
        <translation>Accepting the dossier…</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="323"/>
        <source>Đã tiếp nhận hồ sơ %1, hẹn trả %2.</source>
        <translation>Dossier %1 accepted, result due %2.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="350"/>
        <source>Lỗi không mong muốn, dữ liệu đã nhập vẫn còn: %1</source>
        <translation>Unexpected error; what you entered is kept: %1</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="354"/>
        <source>Chưa tiếp nhận được hồ sơ</source>
        <translation>The dossier was not accepted</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="355"/>
        <source>Đã hiểu</source>
        <translation>OK</translation>
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
    <name>_FormDialog</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="41"/>
        <source>Đồng ý</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="42"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="68"/>
        <source>Lỗi không mong muốn: %1</source>
        <translation>Unexpected error: %1</translation>
    </message>
</context>
</TS>
